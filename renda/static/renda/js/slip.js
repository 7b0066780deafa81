// The receipt slip's [data-print] button opens the browser's print dialogue.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
