// /track, without WASM: keeps the case in "my cases" (my_cases.js) and follows it while it
// is open. The page polls
// itself with back-off (5 s, then 1.5 × longer while nothing changes, at most 2 min; 5 s again
// after a change) and swaps in the server's new case card when its signature (status and
// number of public steps) changes. Every poll is one lookup against the rate limit.
(function () {
  var FIRST = 5000, LAST = 120000;
  var card = document.querySelector('[data-testid="case"]');
  if (!card) return;
  var no = card.getAttribute('data-ticket'), code = card.getAttribute('data-code');
  function remember(seen) { window.minshengCases.remember(no, code, seen); }
  remember(card.getAttribute('data-signature'));
  document.body.setAttribute('data-hydrated', 'true');
  var delay = FIRST;
  function poll() {
    if (card.getAttribute('data-final') === 'true') return;
    setTimeout(function () {
      fetch(location.href, { headers: { Accept: 'text/html' }, cache: 'no-store' })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var fresh = doc.querySelector('[data-testid="case"]');
          if (fresh && fresh.getAttribute('data-signature') !== card.getAttribute('data-signature')) {
            card.replaceWith(fresh);
            card = fresh;
            remember(card.getAttribute('data-signature'));
            var note = document.querySelector('[data-testid="case-updated"]');
            if (note) note.hidden = false;
            delay = FIRST;
          } else {
            delay = Math.min(delay * 1.5, LAST);
          }
        })
        .catch(function () { delay = LAST; })
        .then(poll);
    }, delay);
  }
  poll();
})();
