// The outcome is asked for only when resolved on the spot.
(function () {
  var box = document.getElementById("id_resolve_now"), outcome = document.querySelector("[data-outcome]");
  function sync() { if (box && outcome) outcome.hidden = !box.checked && !outcome.querySelector(".field-errors"); }
  if (box) { box.addEventListener("change", sync); sync(); }
})();
