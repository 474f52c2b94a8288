// The step-through: ← and → go to the previous and next step (not while typing in a field);
// the step's link is its own address.
(function () {
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable], .diagram-scroll')) { return; }
    var link = { ArrowLeft: 'vorige', ArrowRight: 'volgende' }[event.key];
    var found = link && document.getElementById(link);
    if (found) { event.preventDefault(); window.location.href = found.href; }
  });
})();
