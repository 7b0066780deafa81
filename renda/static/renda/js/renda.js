// Two small things for phones: the menu button opens the sidebar, and list filters start
// folded (unless one is in use) so the list itself is on the first screen.
(function () {
  var button = document.querySelector("[data-nav-toggle]");
  var sidebar = document.getElementById("sidebar");
  if (button && sidebar) {
    button.addEventListener("click", function () {
      var open = sidebar.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  if (!window.matchMedia("(max-width: 760px)").matches) return;
  document.querySelectorAll("details[data-phone-collapse]").forEach(function (details) {
    var inUse = Array.prototype.some.call(
      details.querySelectorAll("select, input"),
      function (el) { return el.value !== "" || el.closest(".has-error"); }
    );
    if (!inUse) details.removeAttribute("open");
  });
})();
