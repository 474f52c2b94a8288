// The quality center's diagrams: bpmn-js (from npm) draws each BPMN file; ekd colours what the scenarios
// took or never took (or what a comparison added, removed or changed) and puts a badge on each finding.
(function () {
  function badge(messages) {
    var element = document.createElement('span');
    element.className = 'ekd-note-badge' + (messages.some(function (m) { return m.indexOf('error') === 0; }) ? ' error' : '');
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', messages.join(' | '));
    element.title = messages.join('\n');
    element.textContent = '!';
    return element;
  }
  document.querySelectorAll('.quality-canvas[data-src]').forEach(function (element) {
    var viewer = new BpmnJS({ container: element });
    var markers = JSON.parse(element.dataset.markers || '{}');
    var notes = JSON.parse(element.dataset.notes || '{}');
    fetch(element.dataset.src, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.text();
      })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        var canvas = viewer.get('canvas');
        var registry = viewer.get('elementRegistry');
        var overlays = viewer.get('overlays');
        Object.keys(markers).forEach(function (id) {
          if (registry.get(id)) { canvas.addMarker(id, 'ekd-q-' + markers[id]); }
        });
        Object.keys(notes).forEach(function (id) {
          if (!registry.get(id)) { return; }
          canvas.addMarker(id, 'ekd-q-finding');
          overlays.add(id, 'ekd-note', { position: { top: -10, right: 10 }, html: badge(notes[id]) });
        });
        var box = canvas.viewbox().inner;
        var height = element.clientWidth * box.height / Math.max(box.width, 1) + 24;
        element.style.height = Math.round(Math.max(200, Math.min(560, height))) + 'px';
        canvas.resized();
        canvas.zoom('fit-viewport');
        element.dataset.ready = 'true';
      })
      .catch(function (error) {
        element.textContent = 'Diagram kon niet getekend worden: ' + error.message;
        element.dataset.ready = 'error';
      });
  });
})();
