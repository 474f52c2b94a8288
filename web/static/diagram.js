// A guideline diagram to read (the quality center's start page): bpmn-js draws the BPMN file the
// figure names, fitted to the figure.
(function () {
  var figure = document.querySelector('figure[data-source]');
  if (!figure || !window.BpmnJS) { return; }
  var viewer = new window.BpmnJS({ container: figure.querySelector('.canvas') });
  fetch(figure.dataset.source, { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    })
    .then(function (xml) { return viewer.importXML(xml); })
    .then(function () {
      viewer.get('canvas').zoom('fit-viewport');
      figure.classList.add('loaded');
    })
    .catch(function () { figure.querySelector('.error').hidden = false; });
}());
