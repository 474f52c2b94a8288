// Lists of objects in forms: add and remove rows (the server reads every row that is sent).
(function () {
  function renumber(list) {
    var rows = list.querySelectorAll(':scope > ol.rows > li.row');
    return rows.length;
  }
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target.classList.contains('add-row')) {
      var list = target.closest('[data-list]');
      var template = list.querySelector(':scope > template');
      var rows = list.querySelector(':scope > ol.rows');
      var next = Number(list.dataset.next || rows.children.length);
      list.dataset.next = next + 1;
      var html = template.innerHTML.split('__index__').join(String(next));
      rows.insertAdjacentHTML('beforeend', html);
      var added = rows.lastElementChild;
      var first = added.querySelector('input, select, textarea');
      if (first) { first.focus(); }
    } else if (target.classList.contains('remove-row')) {
      var row = target.closest('li.row');
      var owner = row.closest('[data-list]');
      row.remove();
      var button = owner.querySelector(':scope > .add-row');
      if (button) { button.focus(); }
      renumber(owner);
    }
  });
  var summary = document.getElementById('fouten');
  if (summary) { summary.focus(); }
})();
