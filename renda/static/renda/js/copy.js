// A [data-copy] button copies its value (a receipt code, a key) to the clipboard; it then
// says so in the words its <script> element carries (data-copied), in the page's language.
// Without JavaScript the buttons stay hidden (html:not(.js) in renda.css) and the value is
// shown selectable beside them: one tap selects it whole (user-select: all).
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
