// Staff: choosing the station filters the picker to its deputies.
(function () {
  var station = document.querySelector("[data-activity-form] select[name=station]");
  var search = document.querySelector("[data-activity-form] [data-picker-search]");
  if (!station || !search) return;
  station.addEventListener("change", function () {
    var option = station.options[station.selectedIndex];
    search.value = station.value ? option.textContent.trim() : "";
    search.dispatchEvent(new Event("input"));
  });
})();
// The title follows the kind until the operator types one of their own.
(function () {
  var form = document.querySelector("[data-activity-form]");
  var titles = JSON.parse(document.getElementById("default-titles").textContent);
  var title = form.querySelector("input[name=title]");
  function kind() { var c = form.querySelector("input[name=kind]:checked"); return c ? c.value : ""; }
  var shown = titles[kind()] || "";
  if (!title.value) title.value = shown;
  form.querySelectorAll("input[name=kind]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!title.value || title.value === shown) {
        shown = titles[kind()] || "";
        title.value = shown;
      }
    });
  });
})();
