(function () {
  var add = document.querySelector("[data-add-row]");
  var tpl = document.querySelector("[data-row-template]");
  var total = document.getElementById("id_rows-TOTAL_FORMS");
  if (!add || !tpl || !total) return;
  add.hidden = false;
  add.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = tpl.innerHTML.replace(/__prefix__/g, String(index));
    document.querySelector("[data-rows] tbody").insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
  });
})();
