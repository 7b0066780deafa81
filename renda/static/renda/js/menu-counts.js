/* The menu's counts of what waits: fetched after the page loads (core:menu_counts), so that
   the menu costs no query on every page; without JavaScript the menu simply has no counts. */
(function () {
  "use strict";
  var script = document.getElementById("menu-counts");
  var spans = document.querySelectorAll("[data-waiting-for]");
  if (!script || !spans.length || !window.fetch) return;
  fetch(script.getAttribute("data-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : {}; })
    .then(function (counts) {
      spans.forEach(function (span) {
        var n = counts[span.getAttribute("data-waiting-for")];
        if (!n) return;
        span.textContent = n;
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = " " + script.getAttribute("data-label");
        span.appendChild(hidden);
        span.hidden = false;
      });
    })
    .catch(function () {});
})();
