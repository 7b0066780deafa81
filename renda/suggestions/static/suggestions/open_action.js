// A link to an action opens its folded form.
document.querySelectorAll("[data-open-action]").forEach(function (link) {
  link.addEventListener("click", function () {
    var target = document.querySelector(link.getAttribute("href"));
    if (target && target.tagName === "DETAILS") target.open = true;
  });
});
