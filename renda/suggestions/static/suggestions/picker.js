// The deputy picker: filter by name or delegation, and count who is picked.
document.querySelectorAll("[data-picker]").forEach(function (picker) {
  var search = picker.querySelector("[data-picker-search]");
  var count = picker.querySelector("[data-picker-count]");
  function update() {
    var n = picker.querySelectorAll("input[type=checkbox]:checked").length;
    count.textContent = n;
  }
  search.addEventListener("input", function () {
    var q = search.value.trim();
    picker.querySelectorAll("fieldset").forEach(function (group) {
      var groupHit = group.dataset.group.indexOf(q) !== -1;
      var any = false;
      group.querySelectorAll("label").forEach(function (label) {
        var hit = !q || groupHit || label.dataset.name.indexOf(q) !== -1 || label.querySelector("input").checked;
        label.hidden = !hit;
        any = any || hit;
      });
      group.hidden = !any;
    });
  });
  picker.addEventListener("change", update);
  update();
});
