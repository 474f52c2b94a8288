// The dossier's diagram: bpmn-js (from npm) draws the main process; a click on a call activity
// (or its button below the diagram) opens the called process in the same figure, with a path
// back. ekd marks done, active and waiting steps (with a badge counting rounds and instances where
// given), names lanes by role, and zooms with buttons, + / − / 0 on the focused diagram, or Ctrl +
// wheel; a plain wheel scrolls the page.
(function () {
  var READABLE = 0.75;            // bpmn-js draws 12-px text: never start below 9 px
  var STEP = 1.25, LARGEST = 2.5, PAD = 16;

  function processesOf(definitions, process) {
    return (definitions.diagrams || []).filter(function (diagram) {
      var shown = diagram.plane && diagram.plane.bpmnElement;
      if (!shown) { return false; }
      if (shown.id === process) { return true; }
      return (shown.participants || []).some(function (p) { return p.processRef && p.processRef.id === process; });
    })[0];
  }

  function setUp(figure) {
    var data = JSON.parse(figure.dataset.diagram);
    var scroller = figure.querySelector('.diagram-scroll');
    var element = figure.querySelector('.canvas');
    var path = figure.querySelector('.diagram-path');
    var calls = figure.querySelector('.diagram-calls');
    var status = figure.querySelector('.diagram-status');
    var viewer = new BpmnJS({ container: element });
    var canvas = viewer.get('canvas');
    var files = {}, trail = [], box = null, scale = 1, fitted = 1;

    // Lanes are named by the role ids of the guideline; readers see the role's name.
    viewer.on('import.parse.complete', function (event) {
      Object.keys(event.elementsById || {}).forEach(function (id) {
        var item = event.elementsById[id];
        if (item.$type === 'bpmn:Lane' && data.lanes[item.name]) { item.name = data.lanes[item.name]; }
      });
    });

    function apply(next) {
      scale = Math.max(Math.min(fitted, READABLE), Math.min(LARGEST, next));
      var centre = (scroller.scrollLeft + scroller.clientWidth / 2) / Math.max(1, element.clientWidth);
      var width = Math.max(scroller.clientWidth, Math.ceil(box.width * scale + 2 * PAD));
      var height = Math.ceil(box.height * scale + 2 * PAD);
      element.style.width = width + 'px';
      element.style.height = height + 'px';
      canvas.resized();
      canvas.viewbox({ x: box.x - PAD / scale, y: box.y - PAD / scale, width: width / scale, height: height / scale });
      scroller.scrollLeft = centre * width - scroller.clientWidth / 2;
      figure.dataset.scale = scale.toFixed(3);
    }

    // Fit to the width, never below readable text, with the first active step in view.
    function reset() {
      fitted = (scroller.clientWidth - 2 * PAD) / box.width;
      apply(Math.max(READABLE, Math.min(1, fitted)));
      var active = viewer.get('elementRegistry').filter(function (shape) {
        return canvas.hasMarker(shape, 'ekd-active') && !shape.waypoints;
      }).sort(function (a, b) { return a.x - b.x; })[0];
      scroller.scrollLeft = active ? (active.x - box.x) * scale + PAD - scroller.clientWidth / 3 : 0;
    }

    function button(text, onClick) {
      var made = document.createElement('button');
      made.type = 'button';
      made.textContent = text;
      made.addEventListener('click', onClick);
      return made;
    }

    function drawPath() {
      path.textContent = '';
      trail.forEach(function (process, index) {
        var item = document.createElement('li');
        var name = data.processes[process].name;
        if (index === trail.length - 1) {
          var here = document.createElement('span');
          here.setAttribute('aria-current', 'location');
          here.textContent = name;
          item.appendChild(here);
        } else {
          item.appendChild(button(name, function () { show(trail.slice(0, index + 1)); }));
        }
        path.appendChild(item);
      });
    }

    function drawCalls(marks) {
      var list = calls.querySelector('ul');
      list.textContent = '';
      viewer.get('elementRegistry').filter(function (shape) {
        return shape.type === 'bpmn:CallActivity' && data.processes[shape.businessObject.calledElement];
      }).forEach(function (shape) {
        var called = shape.businessObject.calledElement;
        canvas.addMarker(shape.id, 'ekd-opens');
        var state = data.states[marks[shape.id]] || data.states.none;
        var item = document.createElement('li');
        item.appendChild(button(data.processes[called].name + ' (' + state + ')', function () {
          show(trail.concat([called]));
        }));
        list.appendChild(item);
      });
      calls.hidden = !list.children.length;
    }

    function load(process) {
      var src = data.processes[process].src;
      files[src] = files[src] || fetch(src, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
        return response.text();
      });
      return files[src];
    }

    function show(processes) {
      var process = processes[processes.length - 1];
      figure.dataset.ready = 'false';
      return load(process)
        .then(function (xml) { return viewer.importXML(xml); })
        .then(function () {
          var definitions = viewer.getDefinitions();
          var diagram = processesOf(definitions, process);     // a file may hold several processes
          return diagram && diagram !== definitions.diagrams[0] ? viewer.open(diagram) : null;
        })
        .then(function () {
          var marks = data.processes[process].markers || {};
          var registry = viewer.get('elementRegistry');
          Object.keys(marks).forEach(function (id) {
            if (registry.get(id)) { canvas.addMarker(id, 'ekd-' + marks[id]); }
          });
          // Rounds and instances (the auditor's step-through): a badge on the element.
          var badges = data.processes[process].badges || {};
          Object.keys(badges).forEach(function (id) {
            if (!registry.get(id)) { return; }
            var badge = document.createElement('span');
            badge.className = 'ekd-badge';
            badge.textContent = badges[id];
            viewer.get('overlays').add(id, 'ekd-badge', { position: { top: -10, right: 10 }, html: badge });
          });
          trail = processes;
          drawPath();
          drawCalls(marks);
          box = canvas.viewbox().inner;
          reset();
          figure.dataset.process = process;
          figure.querySelector('.zoom').hidden = false;
          status.textContent = data.processes[process].name;
          figure.dataset.ready = 'true';
        })
        .catch(function (error) {
          status.textContent = data.failed + ': ' + error.message;
          figure.dataset.ready = 'error';
        });
    }

    viewer.on('element.click', function (event) {
      var called = event.element.businessObject && event.element.businessObject.calledElement;
      if (event.element.type === 'bpmn:CallActivity' && data.processes[called]) { show(trail.concat([called])); }
    });

    figure.querySelector('.zoom-in').addEventListener('click', function () { apply(scale * STEP); });
    figure.querySelector('.zoom-out').addEventListener('click', function () { apply(scale / STEP); });
    figure.querySelector('.zoom-reset').addEventListener('click', reset);
    scroller.addEventListener('keydown', function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || !box) { return; }
      var keys = { '+': STEP, '=': STEP, '-': 1 / STEP };
      if (keys[event.key]) { apply(scale * keys[event.key]); } else if (event.key === '0') { reset(); } else { return; }
      event.preventDefault();
    });
    // Only Ctrl (or ⌘) + wheel zooms; without it the wheel is the page's.
    scroller.addEventListener('wheel', function (event) {
      if (!(event.ctrlKey || event.metaKey) || !box) { return; }
      event.preventDefault();
      apply(scale * (event.deltaY < 0 ? STEP : 1 / STEP));
    }, { passive: false });
    window.addEventListener('resize', function () { if (box) { apply(scale); } });

    show([data.main]);
  }

  document.querySelectorAll('figure.diagram[data-diagram]').forEach(setUp);
})();
