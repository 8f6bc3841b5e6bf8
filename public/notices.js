// Notices (公告) that cover a report being written, for /report and /snap (no WASM: the report
// form's island calls it, /snap's script too). minshengNotices(box) returns ask(place): with
// {category, district, street, latitude, longitude} it asks the server for the notices in
// force there and shows them in `box` (its <ul>), counting each notice's first showing once;
// with null it hides them. The ids shown so far are kept in box's data-seen for the report.
(function () {
  // help.js (the knowledge base's answers) loads when a description first gets the focus.
  document.addEventListener('focusin', function load(e) {
    var at = document.querySelector('[data-help-script]');
    if (!at || e.target.name !== 'description') return;
    document.removeEventListener('focusin', load);
    document.head.appendChild(document.createElement('script')).src = at.getAttribute('data-help-script');
  });
  window.minshengNotices = function (box) {
    var seen = [], asked = 0;
    function post(url, body) {
      return fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: body,
      });
    }
    return function ask(place) {
      var n = ++asked;
      if (!place) { box.hidden = true; return; }
      var q = ['category', 'district', 'street', 'latitude', 'longitude'].map(function (k) {
        return k + '=' + encodeURIComponent(place[k] || '');
      }).join('&');
      post(box.getAttribute('data-notices-url'), q)
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (list) {
          if (n !== asked) return; // the place changed meanwhile
          var ul = box.querySelector('ul'), fresh = [];
          ul.textContent = '';
          list.forEach(function (notice) {
            var li = document.createElement('li'), head = document.createElement('strong'), text = document.createElement('p');
            li.className = 'notice';
            li.setAttribute('data-testid', 'notice');
            li.setAttribute('data-id', notice.id);
            head.textContent = notice.headline;
            text.textContent = notice.text;
            li.appendChild(head);
            li.appendChild(text);
            ul.appendChild(li);
            if (seen.indexOf(notice.id) < 0) { seen.push(notice.id); fresh.push(notice.id); }
          });
          box.hidden = list.length === 0;
          box.setAttribute('data-seen', seen.join(','));
          if (fresh.length) post(box.getAttribute('data-seen-url'), 'ids=' + fresh.join(',')).catch(function () {});
        })
        .catch(function () {});
    };
  };
})();
