// A [data-copy] button copies its value (a receipt code, a key) to the clipboard; it then
// says so in the words its <script> element carries (data-copied), in the page's language.
(function () {
  var copied = document.currentScript.dataset.copied;
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        button.textContent = copied;
      });
    });
  });
})();
