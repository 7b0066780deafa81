// The reply check button (reading/_check_button.html): post the draft, show the check under
// the button instead of in a new tab. Files are left out of what is posted (the check reads
// the text only).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-reading-check-button]");
    if (!button || !button.form) return;
    event.preventDefault();
    var data = new FormData(button.form);
    var files = [];
    data.forEach(function (value, key) { if (value instanceof File) files.push(key); });
    files.forEach(function (key) { data.delete(key); });
    data.set("check_field", button.dataset.field);
    if (button.name === "second_opinion") data.set("second_opinion", "1");
    var result = button.closest("[data-reading-check-tool]").querySelector("[data-reading-check-result]");
    button.disabled = true;
    fetch(button.formAction, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) { result.innerHTML = html; })
      .catch(function () { button.form.target = "_blank"; button.form.requestSubmit(button); })
      .finally(function () { button.disabled = false; });
  });
})();
