// "My cases" without an account: the one owner of its format in this browser's local storage
// (key `minsheng.cases`, newest first, at most 30 entries of {ticket_no, code, seen}, where
// `seen` is the case's signature when the citizen last saw it). The /report and /mine islands
// (app/src/components/my_cases.rs), /track (live.js) and /snap (snap.js) all go through it.
window.minshengCases = (function () {
  var KEY = 'minsheng.cases', KEEP = 30;
  function list() {
    try {
      var all = JSON.parse(localStorage.getItem(KEY));
      return Array.isArray(all) ? all : [];
    } catch (e) { return []; }
  }
  function save(all) {
    try { localStorage.setItem(KEY, JSON.stringify(all.slice(0, KEEP))); } catch (e) { /* private mode */ }
  }
  function forget(no) {
    save(list().filter(function (k) { return k.ticket_no !== no; }));
  }
  function remember(no, code, seen) {
    var all = list().filter(function (k) { return k.ticket_no !== no; });
    all.unshift({ ticket_no: no, code: code, seen: seen });
    save(all);
  }
  return { list: list, remember: remember, forget: forget };
})();

// The answer to a report form sent without WASM (a plain post) names its new case: kept here
// as the island keeps the cases it sends.
(function () {
  var done = document.querySelector('[data-remember][data-ticket][data-code]');
  if (done) {
    window.minshengCases.remember(done.getAttribute('data-ticket'), done.getAttribute('data-code'),
      done.getAttribute('data-signature'));
  }
})();
