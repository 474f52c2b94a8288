// The dossier's diagrams: bpmn-js (from npm) draws each process; ekd marks done, active and waiting steps.
(function () {
  var canvases = document.querySelectorAll('.canvas[data-src]');
  canvases.forEach(function (element) {
    var viewer = new BpmnJS({ container: element });
    var markers = JSON.parse(element.dataset.markers || '{}');
    fetch(element.dataset.src, { credentials: 'same-origin' })
      .then(function (response) { return response.text(); })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        var canvas = viewer.get('canvas');
        var registry = viewer.get('elementRegistry');
        Object.keys(markers).forEach(function (id) {
          if (registry.get(id)) { canvas.addMarker(id, 'ekd-' + markers[id]); }
        });
        var box = canvas.viewbox().inner;
        var height = element.clientWidth * box.height / box.width + 24;
        element.style.height = Math.round(Math.max(180, Math.min(520, height))) + 'px';
        canvas.resized();
        canvas.zoom('fit-viewport');
        element.dataset.ready = 'true';
      })
      .catch(function (error) {
        element.textContent = 'Diagram kon niet geladen worden: ' + error.message;
        element.dataset.ready = 'error';
      });
  });
})();
