// The reply check button (reading/_check_button.html): post the draft (the form's fields,
// files left out: the check reads the text only) and show the check under the button.
(function () {
  "use strict";
  if (window.readingCheckBound) return; // the script may be included by several forms
  window.readingCheckBound = true;
  function post(url, data, result, button) {
    button.disabled = true;
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) { result.innerHTML = html; })
      .catch(function (error) { result.textContent = button.dataset.failed || String(error); })
      .finally(function () { button.disabled = false; });
  }

  function tool(button) {
    return button.closest("[data-reading-check-tool]").querySelector("[data-reading-check-result]");
  }

  document.addEventListener("click", function (event) {
    // The summary for the assignment sheet: asked, then put in the form by the person.
    var use = event.target.closest("[data-use-summary]");
    if (use) {
      var field = document.querySelector(use.dataset.useSummary);
      var text = use.closest("[data-summary-draft]").querySelector("[data-summary-text]");
      if (field && text) { field.value = text.value; field.focus(); }
      return;
    }
    var ask = event.target.closest("[data-reading-summary-button]");
    if (ask && ask.form) {
      event.preventDefault();
      var form = new FormData();
      form.set("csrfmiddlewaretoken", ask.form.querySelector("[name=csrfmiddlewaretoken]").value);
      form.set("target", ask.dataset.target || "");
      post(ask.dataset.url, form, tool(ask), ask);
      return;
    }
    var button = event.target.closest("[data-reading-check-button]");
    if (!button || !button.form) return;
    event.preventDefault();
    var data = new FormData(button.form);
    var files = [];
    data.forEach(function (value, key) { if (value instanceof File) files.push(key); });
    files.forEach(function (key) { data.delete(key); });
    data.set("check_field", button.dataset.field);
    if (button.dataset.secondOpinion) data.set("second_opinion", "1");
    post(button.dataset.url, data, tool(button), button);
  });
})();
