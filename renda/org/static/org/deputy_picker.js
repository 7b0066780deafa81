// Deputy pickers: filter by name or group, tick a whole group, and count who is ticked
// (the count includes ticks outside the picker that share its field name).
document.querySelectorAll("[data-picker]").forEach(function (picker) {
  var search = picker.querySelector("[data-picker-search]");
  var count = picker.querySelector("[data-picker-count]");
  var form = picker.closest("form");
  var name = (picker.querySelector("input[name]") || {}).name;
  function update() {
    var n = name ? form.querySelectorAll("input[name='" + name + "']:checked").length : 0;
    count.textContent = n;
    picker.querySelectorAll("fieldset").forEach(function (group) {
      var all = group.querySelector("[data-picker-all]");
      if (!all) return;
      var boxes = group.querySelectorAll("input[name]");
      var ticked = group.querySelectorAll("input[name]:checked").length;
      all.checked = boxes.length > 0 && ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    });
  }
  search.addEventListener("input", function () {
    // A name first (the deputy asked for, not their delegation); a delegation when the query
    // is its name, or when no name matches.
    var q = search.value.trim();
    var groups = picker.querySelectorAll("fieldset");
    var named = function (label) { return label.dataset.name.indexOf(q) !== -1; };
    var byName = !!q && Array.prototype.some.call(picker.querySelectorAll("label[data-name]"), named);
    groups.forEach(function (group) {
      var name = group.dataset.group;
      var groupHit = !!q && (name === q || (!byName && name.indexOf(q) !== -1));
      var any = false;
      group.querySelectorAll("label[data-name]").forEach(function (label) {
        var hit = !q || groupHit || named(label) || label.querySelector("input").checked;
        label.hidden = !hit;
        any = any || hit;
      });
      group.hidden = !any;
    });
  });
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
  picker.addEventListener("change", function (e) {
    if (e.target.matches("[data-picker-all]")) {
      e.target.closest("fieldset").querySelectorAll("input[name]").forEach(function (box) {
        box.checked = e.target.checked;
      });
    }
    update();
  });
  if (form) form.addEventListener("change", update);
  update();
});
