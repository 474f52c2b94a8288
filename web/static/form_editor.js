// The quality center's form editor: the JSON Schema source, checked on the server as you type (JSON
// syntax with line and column, then the schema), the English texts of the form catalogue beside it,
// and a preview drawn by ekd's own form renderer in Dutch or English. Saving: the form, then the
// catalogue (i18n.en.json) when its texts changed, each a new revision of the draft.
(function () {
  var root = document.getElementById('form-editor');
  if (!root) { return; }
  var source = document.getElementById('schema-bron');
  var problems = document.getElementById('schema-problemen');
  var texts = document.getElementById('engelse-teksten');
  var preview = document.getElementById('voorbeeld');
  var status = document.getElementById('modeler-status');
  var list = document.getElementById('modeler-bevindingen');
  var name = root.dataset.file;
  var catalogue = {};
  var english = {};
  var textsChanged = false;
  var timer = null;
  var asked = 0;

  function post(url, body, type) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', body: body,
      headers: { 'Content-Type': type, 'X-CSRFToken': root.dataset.csrf, Accept: 'application/json' } })
      .then(function (response) {
        return response.json().then(function (json) {
          if (!response.ok) { throw new Error(json.detail || json.title || ('HTTP ' + response.status)); }
          return json;
        });
      });
  }

  function language() { return document.querySelector('input[name="voorbeeld-taal"]:checked').value; }

  // Every title and description of the schema, by the JSON pointer the catalogue uses.
  function pointers(node, pointer, found) {
    if (!node || typeof node !== 'object') { return found; }
    ['title', 'description'].forEach(function (key) {
      if (typeof node[key] === 'string') { found.push([pointer + '/' + key, node[key]]); }
    });
    Object.keys(node.properties || {}).forEach(function (key) {
      pointers(node.properties[key], pointer + '/properties/' + key, found);
    });
    if (node.items && typeof node.items === 'object') { pointers(node.items, pointer + '/items', found); }
    ['oneOf', 'anyOf'].forEach(function (key) {
      (Array.isArray(node[key]) ? node[key] : []).forEach(function (choice, i) {
        pointers(choice, pointer + '/' + key + '/' + i, found);
      });
    });
    return found;
  }

  function drawTexts(schema) {
    var focused = document.activeElement && document.activeElement.dataset.pointer;
    texts.replaceChildren();
    pointers(schema, '', []).forEach(function (pair, index) {
      var id = 'en-' + index;
      var row = document.createElement('div');
      row.className = 'field';
      var label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = pair[1];
      var code = document.createElement('code');
      code.className = 'muted';
      code.textContent = ' ' + pair[0];
      label.append(code);
      var input = document.createElement('input');
      input.id = id;
      input.type = 'text';
      input.lang = 'en';
      input.dataset.pointer = pair[0];
      input.value = english[pair[0]] || '';
      input.addEventListener('input', function () {
        if (input.value) { english[pair[0]] = input.value; } else { delete english[pair[0]]; }
        textsChanged = true;
        if (language() === 'en') { schedule(); }
      });
      row.append(label, input);
      texts.append(row);
      if (focused === pair[0]) { input.focus(); }
    });
  }

  var lastSchema = null;
  function check() {
    var number = ++asked;
    var body = JSON.stringify({ source: source.value, language: language(), texts: english });
    post(root.dataset.preview, body, 'application/json').then(function (json) {
      if (number !== asked) { return; }
      problems.replaceChildren();
      if (json.problems.length) {
        var ul = document.createElement('ul');
        json.problems.forEach(function (p) {
          var li = document.createElement('li');
          li.className = 'finding-error';
          li.textContent = p;
          ul.append(li);
        });
        problems.append(ul);
        source.setAttribute('aria-invalid', 'true');
      } else {
        problems.textContent = problems.dataset.ok;
        source.removeAttribute('aria-invalid');
        preview.innerHTML = json.html;      // ekd's own renderer, escaped by Jinja on the server
        var schema = JSON.parse(source.value);
        var key = JSON.stringify(pointers(schema, '', []));
        if (key !== lastSchema) { lastSchema = key; drawTexts(schema); }
      }
      root.dataset.checked = String(number);
    });
  }

  function schedule() {
    clearTimeout(timer);
    root.dataset.checked = 'busy';
    timer = setTimeout(check, 250);
  }

  function showFindings(findings) {
    list.replaceChildren();
    var mine = findings.filter(function (f) { return f.file === name || f.file === 'i18n.en.json'; });
    if (!mine.length) {
      var none = document.createElement('li');
      none.textContent = list.dataset.empty;
      list.append(none);
    }
    mine.forEach(function (f) {
      var li = document.createElement('li');
      li.className = 'finding-' + f.severity;
      li.textContent = (f.severity === 'error' ? list.dataset.error : list.dataset.warning) + ' · ' + f.rule +
        (f.element ? ' · ' + f.element : '') + ': ' + f.message;
      list.append(li);
    });
  }

  source.addEventListener('input', schedule);
  document.querySelectorAll('input[name="voorbeeld-taal"]').forEach(function (radio) {
    radio.addEventListener('change', schedule);
  });

  document.getElementById('modeler-bewaren').addEventListener('click', function () {
    root.dataset.saved = 'busy';
    status.textContent = status.dataset.saving;
    var saved = post(root.dataset.save, source.value, 'application/json');
    if (textsChanged) {
      saved = saved.then(function () {
        var whole = Object.assign({}, catalogue);
        whole[name] = english;
        return post(root.dataset.saveTranslations, JSON.stringify(whole, null, 1) + '\n', 'application/json');
      });
    }
    saved.then(function (json) {
      textsChanged = false;
      showFindings(json.findings);
      status.textContent = json.message;
      root.dataset.saved = 'done';
    }).catch(function (error) {
      status.textContent = error.message;
      root.dataset.saved = 'error';
    });
  });

  var translations = root.dataset.translationsSrc
    ? fetch(root.dataset.translationsSrc, { credentials: 'same-origin' }).then(function (r) { return r.json(); })
    : Promise.resolve(JSON.parse(root.dataset.catalogue || '{}'));
  Promise.all([fetch(root.dataset.src, { credentials: 'same-origin' }).then(function (r) { return r.text(); }),
    translations]).then(function (loaded) {
    source.value = loaded[0];
    catalogue = loaded[1] || {};
    english = Object.assign({}, catalogue[name] || {});
    showFindings(JSON.parse(root.dataset.findings || '[]'));
    root.dataset.ready = 'true';
    check();
  });
}());
