// A draft's page: "Comment on this article" opens the one comment form under that article, in
// place, without reloading the page; "Comment on the whole draft" takes it back to the end.
// Without JavaScript the same links load the page with the form there (?article=…#comment).
(function () {
  var box = document.getElementById("comment");
  var home = document.getElementById("comment-home");
  if (!box || !home) return;
  var select = box.querySelector("select[name=article]");
  var heading = box.querySelector("[data-comment-heading]");
  document.querySelectorAll("[data-comment-on]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var pk = link.dataset.commentOn;
      var article = pk ? document.getElementById("a" + pk) : null;
      if (!select || (pk && !article)) return; // the link's own way: load the page
      event.preventDefault();
      var tools = article && article.querySelector(".article-tools");
      if (article) article.insertBefore(box, tools ? tools.nextSibling : null);
      else home.appendChild(box);
      select.value = pk;
      if (heading) heading.textContent = link.dataset.heading;
      box.scrollIntoView({ block: "start" });
      var text = box.querySelector("textarea");
      if (text) text.focus({ preventScroll: true });
    });
  });
})();
