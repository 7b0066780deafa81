// Tick (or untick) every deputy the picker's filter shows, for an act many deputies share.
document.querySelectorAll("[data-pick-all], [data-pick-none]").forEach(function (button) {
  var picker = document.querySelector("[data-picker]");
  button.addEventListener("click", function () {
    var on = button.hasAttribute("data-pick-all");
    picker.querySelectorAll("fieldset").forEach(function (group) {
      if (group.hidden && on) { return; }
      group.querySelectorAll("label").forEach(function (label) {
        if (!label.hidden || !on) { label.querySelector("input").checked = on; }
      });
    });
    picker.dispatchEvent(new Event("change"));
  });
});
