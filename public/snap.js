// /snap (随手拍), without WASM: the page is server-rendered; this script shrinks the photos in
// the browser (≤ 2048 px JPEG, as the report form does), asks for the position and the
// district it is in, and sends the form with the tapped category to POST /api/v1/reports.
// The server checks everything again. A new case is kept in "my cases" (my_cases.js).
(function () {
  var form = document.getElementById('snap-form');
  if (!form) return;
  var MAX = Number(form.getAttribute('data-max-photos')) || 3, MAX_PX = 2048, QUALITY = 0.85;
  var text = function (name) { return form.getAttribute('data-text-' + name) || ''; };
  // Elements are found by their data-part (data-testid is for the tests alone).
  var one = function (part) { return form.querySelector('[data-part="' + part + '"]'); };
  var photos = [], preparing = 0, busy = false;
  var input = one('photo-input'), previews = one('photo-previews');
  var district = one('district'), street = one('street');
  var lat = form.querySelector('[name=latitude]'), lng = form.querySelector('[name=longitude]');
  var errors = one('snap-errors'), sending = one('snap-sending');

  function showErrors(messages) {
    errors.textContent = '';
    messages.forEach(function (m) { var p = document.createElement('p'); p.textContent = m; errors.appendChild(p); });
    errors.hidden = messages.length === 0;
  }

  function render() {
    previews.textContent = '';
    photos.forEach(function (p, i) {
      var li = document.createElement('li'), img = document.createElement('img'), del = document.createElement('button');
      img.src = p.url; img.alt = ''; img.width = 96; img.height = 96;
      del.type = 'button'; del.className = 'remove'; del.textContent = text('remove');
      del.setAttribute('data-testid', 'photo-remove');
      del.onclick = function () { URL.revokeObjectURL(p.url); photos.splice(i, 1); render(); };
      li.appendChild(img); li.appendChild(del); previews.appendChild(li);
    });
    input.disabled = photos.length + preparing >= MAX;
  }

  // Decoded by the browser (upright, as <img> shows it), drawn on white, re-encoded as JPEG.
  function shrink(file) {
    return new Promise(function (resolve) {
      var url = URL.createObjectURL(file), img = new Image();
      img.onload = function () {
        var w = img.naturalWidth || 1, h = img.naturalHeight || 1, s = Math.min(1, MAX_PX / Math.max(w, h));
        var c = document.createElement('canvas');
        c.width = Math.max(1, Math.round(w * s)); c.height = Math.max(1, Math.round(h * s));
        var g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
        g.drawImage(img, 0, 0, c.width, c.height);
        URL.revokeObjectURL(url);
        c.toBlob(function (b) { resolve(b || file); }, 'image/jpeg', QUALITY);
      };
      // A file the browser cannot decode is sent as it is: the server names the problem.
      img.onerror = function () { URL.revokeObjectURL(url); resolve(file); };
      img.src = url;
    });
  }

  input.addEventListener('change', function () {
    var files = Array.prototype.slice.call(input.files || [], 0, Math.max(0, MAX - photos.length - preparing));
    input.value = '';
    files.forEach(function (f) {
      preparing++;
      shrink(f).then(function (blob) {
        preparing--;
        photos.push({ blob: blob, url: URL.createObjectURL(blob) });
        render();
      });
    });
    render();
  });

  function streetsOf(code) {
    Array.prototype.forEach.call(street.options, function (o) {
      o.hidden = o.value !== '' && o.getAttribute('data-district') !== code;
    });
    if (street.selectedOptions[0] && street.selectedOptions[0].hidden) street.value = '';
  }
  function manual(failed) {
    one('snap-locating').hidden = true;
    one('snap-district').hidden = true;
    one('snap-manual').hidden = false;
    one('locate-failed').hidden = !failed;
    streetsOf(district.value);
  }
  district.addEventListener('change', function () { streetsOf(district.value); notices(); });
  street.addEventListener('change', notices);

  // The notices (公告) in force that cover the place (public/notices.js), shown before the
  // citizen taps a category; the report says which it showed.
  var askNotices = window.minshengNotices(one('snap-notices'));
  function notices() {
    askNotices(district.value ? { district: district.value, street: street.value, latitude: lat.value, longitude: lng.value } : null);
  }

  function located(code) {
    district.value = code;
    streetsOf(code);
    var shown = one('snap-district');
    shown.setAttribute('data-district', code);
    shown.querySelector('strong').textContent = district.selectedOptions[0] ? district.selectedOptions[0].text : code;
    one('snap-locating').hidden = true;
    shown.hidden = false;
    notices();
  }

  if (navigator.geolocation) {
    navigator.geolocation.getCurrentPosition(function (pos) {
      lat.value = pos.coords.latitude.toFixed(6);
      lng.value = pos.coords.longitude.toFixed(6);
      fetch(form.getAttribute('data-district-url'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: 'latitude=' + lat.value + '&longitude=' + lng.value,
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (code) { if (code) located(code); else manual(true); })
        .catch(function () { manual(true); });
    }, function () { manual(true); }, { enableHighAccuracy: true, timeout: 15000 });
  } else {
    manual(true);
  }

  function remember(no, code) {
    // A new case's signature: submitted, one public step (model::public_case::signature).
    window.minshengCases.remember(no, code, form.getAttribute('data-new-signature'));
  }

  function done(created) {
    var section = document.getElementById('snap-done');
    section.querySelector('[data-part="ticket-no"]').textContent = created.ticket_no;
    section.querySelector('[data-part="query-code"]').textContent = created.query_code;
    var track = form.getAttribute('data-track-url') + '?no=' + encodeURIComponent(created.ticket_no) + '&code=' + encodeURIComponent(created.query_code);
    section.querySelector('[data-part="track-link"]').href = track;
    if (created.qr_svg) section.querySelector('.qr').innerHTML = created.qr_svg; // our own server's SVG
    remember(created.ticket_no, created.query_code);
    photos.forEach(function (p) { URL.revokeObjectURL(p.url); });
    form.hidden = true;
    section.hidden = false;
    window.scrollTo(0, 0);
  }

  // No connection: the report waits on the phone (outbox.js) and this form starts afresh.
  function queued() {
    photos.forEach(function (p) { URL.revokeObjectURL(p.url); });
    photos = [];
    form.elements['description'].value = '';
    render();
    showErrors([]);
    one('snap-queued').hidden = false;
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var button = ev.submitter;
    if (busy || !button || preparing > 0) return;
    var problems = [];
    if (photos.length === 0) problems.push(text('photo-first'));
    if (!district.value) { problems.push(text('place-first')); manual(!lat.value); }
    showErrors(problems);
    if (problems.length) return;
    var data = new FormData();
    data.append('snap', button.value);
    ['district', 'street', 'latitude', 'longitude', 'description'].forEach(function (name) {
      data.append(name, form.elements[name].value);
    });
    data.append('seen_notices', one('snap-notices').getAttribute('data-seen') || '');
    var noSms = form.elements['no_progress_sms'];
    data.append('no_progress_sms', noSms && noSms.checked ? 'true' : 'false');
    photos.forEach(function (p, i) { data.append('photos', p.blob, 'snap-' + (i + 1) + '.jpg'); });
    busy = true; sending.hidden = false;
    // Kept on the phone until the server answers, sent once (public/outbox.js).
    var summary = button.textContent.trim() + ' · ' + form.elements['description'].value.slice(0, 40);
    window.minshengOutbox.send(data, 'web', summary)
      .then(function (answer) {
        if (answer.queued) return queued();
        var body = JSON.parse(answer.body);
        if (answer.status === 201) return done(body);
        showErrors((body.errors || []).map(function (e) { return e.message; }).concat(body.message ? [body.message] : []));
      })
      .catch(function () { showErrors([text('network')]); })
      .then(function () { busy = false; sending.hidden = true; });
  });
  form.setAttribute('data-ready', 'true');
})();
