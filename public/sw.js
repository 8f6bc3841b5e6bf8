// The portal's service worker (served at /sw.js by the server, which puts the build's version
// in its first line, so that a new build is a new worker, and the app shell's pages in its
// second: the server's one list, `SHELL_PAGES` in server/src/pwa.rs). It keeps the citizen's pages
// usable without a connection and sends reports kept on the phone when one returns:
// - the app shell: /, /report, /snap, /track (the form, never an answer), /mine and /help,
//   network first, the last copy when offline; only pages the server marks
//   `X-Minsheng-Shell: public` (no session, nobody's data) are kept, so a staff page, a
//   signed-in reporter's page or a case answer is never kept for the next person;
// - scripts, styles, WASM and icons under content-hashed names, kept as fetched: an old page
//   keeps its own old WASM, a new page names the new one, so versions never mix;
// - Background Sync (`minsheng-outbox`): outbox.js sends the waiting reports.
// A new worker waits until the page says "refresh to update" and the citizen taps it.
var VERSION = self.MINSHENG_VERSION || 'dev';
var SHELL = 'minsheng-shell-' + VERSION, ASSETS = 'minsheng-assets';
var PAGES = self.MINSHENG_PAGES || ['/'];
importScripts('/outbox.js');

// Content-hashed names (name.<16 hex digits>.ext, the WASM's name.<16 hex digits>_bg.wasm)
// never change meaning.
var HASHED = /\/(?:pkg\/)?[\w-]+\.[0-9a-f]{16}(?:_bg)?\.(?:js|wasm|css|svg|png)/g;

// The shell's pages and everything they name under a content-hashed name, so that a page
// opened without a connection is whole (its WASM and scripts included).
self.addEventListener('install', function (event) {
  event.waitUntil(Promise.all([caches.open(SHELL), caches.open(ASSETS)]).then(function (open) {
    var shell = open[0], assets = open[1];
    return Promise.all(PAGES.map(function (path) {
      return fetch(path, { credentials: 'same-origin' }).then(function (r) {
        return r.clone().text().then(function (html) {
          var names = (html.match(HASHED) || []).filter(function (n, i, all) { return all.indexOf(n) === i; });
          return Promise.all([keep(shell, path, r)].concat(names.map(function (n) {
            return assets.match(n).then(function (kept) { return kept || assets.add(n); });
          })));
        });
      }).catch(function () {});
    }));
  }));
});

// The new version in charge: the old versions' pages go, and the files only they named.
self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf('minsheng-shell-') === 0 && n !== SHELL; })
      .map(function (n) { return caches.delete(n); }));
  }).then(prune).then(function () { return self.clients.claim(); }));
});

function prune() {
  return Promise.all([caches.open(SHELL), caches.open(ASSETS)]).then(function (open) {
    var shell = open[0], assets = open[1];
    return shell.keys().then(function (pages) {
      return Promise.all(pages.map(function (p) { return shell.match(p).then(function (r) { return r.text(); }); }));
    }).then(function (htmls) {
      var named = htmls.join(' ').match(HASHED) || [];
      return assets.keys().then(function (kept) {
        return Promise.all(kept.filter(function (k) { return named.indexOf(new URL(k.url).pathname) < 0; })
          .map(function (k) { return assets.delete(k); }));
      });
    });
  });
}

self.addEventListener('message', function (event) {
  if (event.data === 'update') self.skipWaiting();
});

function keep(cache, path, response) {
  if (response.ok && response.headers.get('X-Minsheng-Shell') === 'public') return cache.put(path, response);
}

self.addEventListener('fetch', function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // A query is an answer (a case on /track, a search): never kept, never served from here.
    if (PAGES.indexOf(url.pathname) < 0 || url.search) return;
    event.respondWith(fetch(request).then(function (response) {
      var copy = response.clone();
      caches.open(SHELL).then(function (cache) { return keep(cache, url.pathname, copy); });
      return response;
    }, function () {
      return caches.open(SHELL).then(function (cache) { return cache.match(url.pathname); })
        .then(function (kept) { return kept || Response.error(); });
    }));
    return;
  }
  if (url.pathname.replace(HASHED, '') === '') {
    event.respondWith(caches.open(ASSETS).then(function (cache) {
      return cache.match(request).then(function (kept) {
        return kept || fetch(request).then(function (response) {
          if (response.ok) cache.put(request, response.clone());
          return response;
        });
      });
    }));
  }
});

self.addEventListener('sync', function (event) {
  if (event.tag === self.minshengOutbox.sync) {
    event.waitUntil(self.minshengOutbox.flush().then(function () {
      return self.minshengOutbox.list();
    }).then(function (left) {
      // Still waiting (no connection after all): the browser tries again later.
      if (left.some(function (d) { return d.state === 'waiting'; })) throw new Error('still waiting');
    }));
  }
});
