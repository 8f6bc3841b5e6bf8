// Knowledge-base (知识库) answers under a report's description while the citizen types, on
// /report and /snap (no WASM; notices.js loads this the first time a description gets the
// focus). The page renders an empty, hidden box (data-part="help-suggest") under the field and,
// outside the form's island, the server function's URL and the box's title and hint
// (data-help-script); this script asks for the three best answers to what has been
// typed (and the category, when one is chosen) 400 ms after the last keystroke and shows them.
// The citizen can always go on and send the report.
(function () {
  var timer = 0, asked = 0, last = '';
  var config = document.querySelector('[data-help-script]');
  if (!config) return;
  function add(parent, tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  // The box's title, list and hint, made once.
  function listIn(box) {
    var ul = box.querySelector('ul');
    if (ul) return ul;
    add(box, 'h3', '', config.getAttribute('data-title'));
    ul = add(box, 'ul', 'plain');
    add(box, 'p', 'hint', config.getAttribute('data-hint'));
    return ul;
  }
  function ask(box, form, text) {
    text = text.replace(/^\s+|\s+$/g, '').slice(0, 200);
    var select = form.querySelector('[name="category"]');
    var category = select ? select.value : '';
    var key = text + '\n' + category;
    if (key === last) return;
    last = key;
    var n = ++asked;
    if (text.length < 2) { box.hidden = true; return; }
    fetch(config.getAttribute('data-url'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: 'query=' + encodeURIComponent(text) + '&category=' + encodeURIComponent(category),
    })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (answers) {
        if (n !== asked) return; // the citizen typed on meanwhile
        var ul = listIn(box);
        ul.textContent = '';
        answers.forEach(function (a, i) {
          var li = add(ul, 'li', 'help-answer'), details = add(li, 'details');
          li.setAttribute('data-testid', 'help-suggestion');
          li.setAttribute('data-id', a.id);
          details.open = i === 0;
          add(details, 'summary', '', a.question);
          add(details, 'p', 'help-text', a.answer);
          add(details, 'p', 'muted small', a.category + ' · ' + a.department);
        });
        box.hidden = answers.length === 0;
      })
      .catch(function () {});
  }
  function changed(e) {
    var field = e.target;
    if (!field || !field.getAttribute || field.getAttribute('name') !== 'description') return;
    var form = field.form || document;
    var box = form.querySelector('[data-part="help-suggest"]') || document.querySelector('[data-part="help-suggest"]');
    if (!box) return;
    clearTimeout(timer);
    timer = setTimeout(function () { ask(box, form, field.value); }, 400);
  }
  document.addEventListener('input', changed);
  // Typed before this script arrived: answer that too.
  var typing = document.activeElement;
  if (typing && typing.value && typing.getAttribute('name') === 'description') changed({ target: typing });
})();
