// The phone menu: the sidebar folds under the top bar and this button opens it.
(function () {
  var button = document.querySelector("[data-nav-toggle]");
  var sidebar = document.getElementById("sidebar");
  if (!button || !sidebar) return;
  button.addEventListener("click", function () {
    var open = sidebar.classList.toggle("open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
