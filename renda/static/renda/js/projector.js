// The hall's projector page: asks the server for the meeting's state every two seconds and
// shows the item under discussion, the vote open (how many have voted) or its result.
(function () {
  "use strict";
  var root = document.querySelector("[data-projector]");
  if (!root) { return; }
  function set(name, value) {
    var el = root.querySelector("[data-" + name + "]");
    if (el) { el.textContent = value === null || value === undefined ? "" : String(value); }
  }
  function show(name, visible) {
    var el = root.querySelector("[data-" + name + "]");
    if (el) { el.classList.toggle("hidden", !visible); }
  }
  function render(state) {
    set("meeting", state.meeting);
    set("item", state.item ? state.item.order + ". " + state.item.title : "");
    set("presenter", state.item ? state.item.presenter : "");
    var vote = state.vote;
    show("vote", Boolean(vote));
    if (!vote) { return; }
    set("subject", vote.subject);
    show("open", vote.state === "open");
    show("closed", vote.state === "closed");
    if (vote.state === "open") { set("voted", vote.voted); set("present", vote.present); }
    if (vote.state === "closed") {
      set("for", vote["for"]); set("against", vote.against);
      set("abstain", vote.abstain); set("not-voting", vote.not_voting);
      var verdict = root.querySelector("[data-verdict]");
      verdict.textContent = vote.passed ? verdict.dataset.passedText : verdict.dataset.failedText;
      verdict.classList.toggle("failed", !vote.passed);
    }
  }
  function poll() {
    fetch(root.dataset.url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state) { render(state); } })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 2000);
}());
