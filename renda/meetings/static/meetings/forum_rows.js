// One more opinion row: the formset's empty form with the next index.
(function () {
  var form = document.querySelector("[data-forum-form]");
  if (!form) return;
  // Back with errors: show the form, not the top of the page.
  if (form.querySelector(".field-errors, .alert-danger")) form.scrollIntoView();
  var total = form.querySelector("input[name=opinions-TOTAL_FORMS]");
  var template = form.querySelector("template[data-row-template]");
  form.querySelector("[data-add-row]").addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, index);
    form.querySelector("[data-rows]").insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
  });
})();
