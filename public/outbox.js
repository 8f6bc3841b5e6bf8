// Reports are never lost to a bad network. The one owner of the reports waiting on this phone
// (IndexedDB `minsheng-outbox`, store `drafts`): the /report island and /snap send through
// `send`, which keeps the report (fields and shrunk photos) here first, then sends it under an
// Idempotency-Key made for it, so that however often it is sent again it makes one ticket.
// Without a connection it stays and is sent when one returns: by the service worker's
// Background Sync where the browser has it (sw.js loads this file too), else on the `online`
// event or when a page of the portal next opens. A report the server refuses (its photos no
// longer pass, say) stays, with the server's messages, until the citizen deletes it or opens it
// in the report form to fix it (outbox_edit.js): sent again from there, it replaces the kept one.
// A draft: {key, channel, fields: [[name, value]], photos: [[name, Blob]], saved (ms), summary,
//           state: 'waiting' | 'refused' | 'sent', errors: [message], ticket: {ticket_no, query_code}}
self.minshengOutbox = (function () {
  var DB = 'minsheng-outbox', STORE = 'drafts', SYNC = 'minsheng-outbox', URL_ = '/api/v1/reports';
  var listeners = [];
  // The key of the kept report being fixed in this page's form (replaced once the form sends).
  var editing = null;

  function open() {
    return new Promise(function (ok, fail) {
      var r = indexedDB.open(DB, 1);
      r.onupgradeneeded = function () { r.result.createObjectStore(STORE, { keyPath: 'key' }); };
      r.onsuccess = function () { ok(r.result); };
      r.onerror = function () { fail(r.error); };
    });
  }
  // Runs `work(store)` in one transaction; resolves with the last request's result.
  function tx(mode, work) {
    return open().then(function (db) {
      return new Promise(function (ok, fail) {
        var t = db.transaction(STORE, mode), request = work(t.objectStore(STORE));
        t.oncomplete = function () { db.close(); ok(request && request.result); };
        t.onerror = t.onabort = function () { db.close(); fail(t.error); };
      });
    });
  }
  function list() {
    return tx('readonly', function (s) { return s.getAll(); })
      .then(function (all) { return (all || []).sort(function (a, b) { return a.saved - b.saved; }); })
      .catch(function () { return []; });
  }
  function get(key) { return tx('readonly', function (s) { return s.get(key); }); }
  function put(draft) { return tx('readwrite', function (s) { return s.put(draft); }).then(changed); }
  function remove(key) { return tx('readwrite', function (s) { return s.delete(key); }).then(changed); }
  function changed() { listeners.forEach(function (f) { try { f(); } catch (e) { /* a page's own */ } }); }

  // A version 4 UUID from the browser's cryptographic generator (also on plain http, where
  // crypto.randomUUID is missing).
  function uuid() {
    var b = crypto.getRandomValues(new Uint8Array(16)), h = [];
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) h.push((b[i] + 256).toString(16).slice(1));
    return h.slice(0, 4).join('') + '-' + h.slice(4, 6).join('') + '-' + h.slice(6, 8).join('') + '-' +
      h.slice(8, 10).join('') + '-' + h.slice(10).join('');
  }

  function formOf(draft) {
    var data = new FormData();
    draft.fields.forEach(function (f) { data.append(f[0], f[1]); });
    draft.photos.forEach(function (p) { data.append('photos', p[1], p[0]); });
    return data;
  }
  // The server's answer: {status, body}; rejects when no answer came (no connection).
  function post(draft, progress) {
    if (!progress || typeof XMLHttpRequest === 'undefined') {
      return fetch(URL_, { method: 'POST', body: formOf(draft), headers: headers(draft), credentials: 'same-origin' })
        .then(function (r) { return r.text().then(function (body) { return { status: r.status, body: body }; }); });
    }
    return new Promise(function (ok, fail) {
      var x = new XMLHttpRequest(), h = headers(draft);
      x.open('POST', URL_);
      Object.keys(h).forEach(function (k) { x.setRequestHeader(k, h[k]); });
      x.upload.onprogress = function (e) { if (e.lengthComputable && e.total > 0) progress(e.loaded / e.total); };
      x.onload = function () { ok({ status: x.status, body: x.responseText }); };
      x.onerror = x.onabort = x.ontimeout = function () { fail(new Error('network')); };
      x.send(formOf(draft));
    });
  }
  function headers(draft) {
    return { Accept: 'application/json', 'X-Minsheng-Channel': draft.channel, 'Idempotency-Key': draft.key };
  }
  // Busy, throttled or failing for now (408, 429, 5xx): sent again later, like no connection.
  function later(status) { return status === 408 || status === 429 || status >= 500; }

  function messages(body) {
    try {
      var b = JSON.parse(body);
      return (b.errors || []).map(function (e) { return e.message; }).concat(b.message ? [b.message] : []);
    } catch (e) { return []; }
  }

  function wakeLater() {
    try {
      navigator.serviceWorker.ready.then(function (reg) { return reg.sync && reg.sync.register(SYNC); }).catch(function () {});
    } catch (e) { /* no service worker */ }
  }

  // Sends a report now, kept on the phone until the server has answered. `data`: the form
  // (FormData: text fields and photo files); `channel`: the X-Minsheng-Channel value.
  // Resolves with the server's answer {status, body}, or {queued: true} when it is kept to be
  // sent later (no connection, or the server busy).
  function send(data, channel, summary, progress) {
    var draft = { key: uuid(), channel: channel, fields: [], photos: [], saved: Date.now(), summary: summary || '', state: 'waiting', errors: [] };
    data.forEach(function (value, name) {
      if (typeof value === 'string') draft.fields.push([name, value]);
      else draft.photos.push([value.name || 'photo.jpg', value]);
    });
    var kept = put(draft).then(function () { return true; }, function () { return false; });
    // The fixed copy of a refused report is kept now: the refused one can go.
    if (editing) {
      var old = editing;
      editing = null;
      kept = kept.then(function (isKept) {
        return isKept ? remove(old).then(function () { return true; }, function () { return true; }) : false;
      });
    }
    return kept.then(function (isKept) {
      return post(draft, progress).then(function (answer) {
        if (later(answer.status) && isKept) { wakeLater(); return { queued: true }; }
        // Answered: the page shows the ticket or the problems, and still holds the form.
        return remove(draft.key).then(function () { return answer; }, function () { return answer; });
      }, function () {
        if (!isKept) throw new Error('network');
        wakeLater();
        return { queued: true };
      });
    });
  }

  var flushing = null;
  // Sends every waiting report, oldest first; stops at the first that gets no answer.
  function flush() {
    if (flushing) return flushing;
    flushing = list().then(function (drafts) {
      var waiting = drafts.filter(function (d) { return d.state === 'waiting'; });
      return waiting.reduce(function (previous, draft) {
        return previous.then(function (go) {
          if (!go) return false;
          return post(draft).then(function (answer) {
            if (later(answer.status)) return false;
            if (answer.status === 201) {
              var created = JSON.parse(answer.body);
              draft.state = 'sent';
              draft.ticket = { ticket_no: created.ticket_no, query_code: created.query_code };
            } else {
              draft.state = 'refused';
              draft.errors = messages(answer.body);
            }
            // Photos are no longer needed once a ticket holds them.
            if (draft.state === 'sent') draft.photos = [];
            return put(draft).then(function () { return true; });
          }, function () { return false; });
        });
      }, Promise.resolve(true));
    }).then(settle, settle);
    return flushing;
  }
  function settle() { flushing = null; return adopt(); }

  // Sent reports become "my cases" (local storage, my_cases.js) where a page can reach it.
  function adopt() {
    if (!self.minshengCases) return Promise.resolve();
    return list().then(function (drafts) {
      return Promise.all(drafts.filter(function (d) { return d.state === 'sent'; }).map(function (d) {
        self.minshengCases.remember(d.ticket.ticket_no, d.ticket.query_code, '');
        return remove(d.key);
      }));
    });
  }

  // The waiting and refused reports in a page's list (`[data-part=outbox]`, its texts in
  // data-text-* attributes), each with a delete button.
  function show(box) {
    var text = function (name) { return box.getAttribute('data-text-' + name) || ''; };
    function render() {
      list().then(function (drafts) {
        drafts = drafts.filter(function (d) { return d.state !== 'sent'; });
        var ul = box.querySelector('ul');
        ul.textContent = '';
        drafts.forEach(function (d) {
          var li = document.createElement('li'), state = document.createElement('strong'), what = document.createElement('span');
          var when = document.createElement('time'), del = document.createElement('button');
          li.setAttribute('data-testid', 'outbox-draft');
          li.className = 'outbox-' + d.state;
          state.textContent = text(d.state);
          what.textContent = ' ' + d.summary + ' ';
          when.textContent = new Date(d.saved).toLocaleString();
          del.type = 'button'; del.textContent = text('delete');
          del.onclick = function () { if (confirm(text('confirm-delete'))) remove(d.key); };
          li.appendChild(state); li.appendChild(what); li.appendChild(when);
          d.errors.forEach(function (m) { var p = document.createElement('p'); p.textContent = m; li.appendChild(p); });
          // A refused report of the report form (not a snap, which names its snap button) opens
          // in the form to be fixed.
          var isSnap = d.fields.some(function (f) { return f[0] === 'snap'; });
          if (d.state === 'refused' && !isSnap && box.getAttribute('data-edit-at')) {
            var edit = document.createElement('a');
            edit.href = box.getAttribute('data-edit-at') + '?draft=' + encodeURIComponent(d.key);
            edit.textContent = text('edit');
            edit.className = 'button';
            edit.setAttribute('data-testid', 'outbox-edit');
            li.appendChild(edit);
          }
          li.appendChild(del);
          ul.appendChild(li);
        });
        box.hidden = drafts.length === 0;
      });
    }
    listeners.push(render);
    render();
  }

  // The service worker (sw.js): the app shell offline, Background Sync. A new version waits
  // until the citizen taps "refresh to update" (`[data-part=update]`, in every page's footer):
  // a page never runs on with half of it old and half new.
  function register() {
    if (!('serviceWorker' in navigator)) return;
    var sw = navigator.serviceWorker, tapped = false;
    sw.register('/sw.js').then(function (reg) {
      function offer(worker) {
        var bar = document.querySelector('[data-part="update"]');
        if (!bar || !worker || !sw.controller) return;
        bar.hidden = false;
        bar.querySelector('button').onclick = function () { tapped = true; worker.postMessage('update'); };
      }
      if (reg.waiting) offer(reg.waiting);
      reg.addEventListener('updatefound', function () {
        var worker = reg.installing;
        worker.addEventListener('statechange', function () { if (worker.state === 'installed') offer(worker); });
      });
    }).catch(function () { /* no worker: the pages still work online */ });
    sw.addEventListener('controllerchange', function () { if (tapped) location.reload(); });
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('online', flush);
    var start = function () {
      register();
      Array.prototype.forEach.call(document.querySelectorAll('[data-part="outbox"]'), show);
      // A page's form without WASM (a plain post): a key of its own, also when the page came
      // from the worker's cache.
      var plain = document.querySelector('input[name="idempotency_key"]');
      if (plain) plain.value = uuid();
      // A refused report opened here to be fixed: outbox_edit.js puts it into the form.
      var box = document.querySelector('[data-part="outbox"][data-edit-script]');
      if (box && /[?&]draft=/.test(location.search)) {
        document.head.appendChild(document.createElement('script')).src = box.getAttribute('data-edit-script');
      }
      // my_cases.js is loaded before this file where a page keeps cases.
      if (navigator.onLine !== false) flush(); else adopt();
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
  }
  // The refused report `key` is being fixed in this page's form: the form's next send
  // replaces it.
  function replacing(key) { editing = key; }
  return { send: send, flush: flush, list: list, get: get, remove: remove, replacing: replacing, sync: SYNC };
})();
