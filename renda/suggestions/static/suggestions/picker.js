// The deputy picker: filter by name or delegation, and count who is picked.
document.querySelectorAll("[data-picker]").forEach(function (picker) {
  var search = picker.querySelector("[data-picker-search]");
  var count = picker.querySelector("[data-picker-count]");
  function update() {
    var n = picker.querySelectorAll("input[type=checkbox]:checked").length;
    count.textContent = n;
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
  // Enter in the search box filters; it must not send the suggestion half written.
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
  picker.addEventListener("change", update);
  update();
});
