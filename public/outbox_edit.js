// Opens a report kept on this phone that the server refused (outbox.js lists it with an edit
// link to /report?draft=KEY) in the report form, once the form runs: its fields, and its photos
// put back into the form's file input (the form shows and checks them as if just chosen).
// Sent from there, it replaces the kept one (`minshengOutbox.replacing`). Loaded by outbox.js
// only on such a link.
(function () {
  var outbox = window.minshengOutbox, box = document.querySelector('[data-part="outbox"]');
  var match = /[?&]draft=([^&]+)/.exec(location.search);
  if (!outbox || !match) return;
  var key = decodeURIComponent(match[1]);
  outbox.get(key).then(function (draft) {
    if (!draft || draft.state !== 'refused') return;
    var tries = 0;
    (function wait() {
      var form = document.querySelector('form[data-testid="report-form"]');
      if (!form || !document.body.hasAttribute('data-hydrated')) {
        if (++tries < 300) setTimeout(wait, 50);
        return;
      }
      var values = {};
      draft.fields.forEach(function (f) { values[f[0]] = f[1]; });
      var field = function (name) { return form.querySelector('[name="' + name + '"]'); };
      var set = function (el, value, event) {
        if (!el || value == null) return;
        el.value = value;
        el.dispatchEvent(new Event(event, { bubbles: true }));
      };
      Array.prototype.forEach.call(form.querySelectorAll('input[name="kind"]'), function (r) {
        if (r.value === values.kind && !r.checked) r.click();
      });
      ['confidential', 'publish_consent', 'no_progress_sms'].forEach(function (name) {
        var el = field(name);
        if (el && (values[name] === 'true') !== el.checked) el.click();
      });
      ['address', 'description', 'contact_name', 'contact_phone'].forEach(function (name) { set(field(name), values[name], 'input'); });
      set(field('category'), values.category, 'change');
      set(field('district'), values.district, 'change');
      // The street list follows the district a moment later.
      var waited = 0;
      (function street() {
        var el = field('street');
        var listed = el && Array.prototype.some.call(el.options, function (o) { return o.value === values.street; });
        if (el && values.street && !listed && ++waited < 40) return setTimeout(street, 50);
        set(el, values.street, 'change');
        var input = field('photos');
        if (input && draft.photos.length && typeof DataTransfer !== 'undefined') {
          var files = new DataTransfer();
          draft.photos.forEach(function (p) { files.items.add(new File([p[1]], p[0], { type: p[1].type || 'image/jpeg' })); });
          input.files = files.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }
        outbox.replacing(key);
        var note = document.createElement('p');
        note.className = 'alert info';
        note.setAttribute('data-testid', 'editing-draft');
        note.textContent = box ? box.getAttribute('data-text-editing') : '';
        form.insertBefore(note, form.firstChild);
      })();
    })();
  });
})();
