// The quality center's BPMN modeler: bpmn-js with its properties panel and ekd's own group (the
// spiffworkflow extensions ekd reads). Saving is a new draft revision; the findings of that revision
// come back and are painted on their elements; coverage of the last test run and the comparison with
// the published version are painted on the same canvas.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import EkdPropertiesProvider from './ekd_properties';
import dutch from './dutch';
import spiffworkflow from './spiffworkflow.json';
import { listFindings, paintFindings, paintMarks, save } from './canvas_marks';

const root = document.getElementById('modeler');
const data = (name) => JSON.parse(root.dataset[name] || '{}');
window.EKD_CHOICES = data('choices');
const status = document.getElementById('modeler-status');
const chooser = document.getElementById('element-kiezen');
const list = document.getElementById('modeler-bevindingen');

const modeler = new BpmnModeler({
  container: document.getElementById('modeler-canvas'),
  propertiesPanel: { parent: document.getElementById('modeler-properties'),
    layout: { groups: { ekd: { open: true }, general: { open: true } } } },
  additionalModules: [dutch, BpmnPropertiesPanelModule, BpmnPropertiesProviderModule,
    { __init__: ['ekdPropertiesProvider'], ekdPropertiesProvider: ['type', EkdPropertiesProvider] }],
  moddleExtensions: { spiffworkflow },
});

// SpiffWorkflow names a process variable in loopDataInputRef/loopDataOutputRef, which bpmn-moddle
// cannot resolve (no element has that id) and would drop on save: keep each as a reference by id.
function keepLoopReferences(warnings) {
  const moddle = modeler.get('moddle');
  (warnings || []).forEach((warning) => {
    if (warning.element && /loopData(Input|Output)Ref$/.test(warning.property || '') && warning.value) {
      warning.element.set(warning.property, moddle.create('bpmn:ItemAwareElement', { id: warning.value }));
    }
  });
}

// A wide guideline fitted whole is too small to read: start at its beginning, at 70 %, beside the palette.
function readable() {
  const canvas = modeler.get('canvas');
  canvas.zoom('fit-viewport');
  if (canvas.zoom() >= 0.7) { return; }
  const box = canvas.viewbox();
  canvas.viewbox({ x: box.inner.x - 150, y: box.inner.y - 20, width: box.outer.width / 0.7,
    height: box.outer.height / 0.7 });
}

function say(text) { status.textContent = text; }

function choose(id) {
  const element = modeler.get('elementRegistry').get(id);
  if (!element) { return; }
  const canvas = modeler.get('canvas');
  modeler.get('selection').select(element);
  if (canvas.zoom() < 0.9) { canvas.zoom(1); }      // readable: the chosen element at its own size
  canvas.scrollToElement(element, { top: 120, bottom: 120, left: 160, right: 160 });
  chooser.value = id;
}

function fillChooser() {
  const registry = modeler.get('elementRegistry');
  const choices = registry.filter((e) => e.businessObject && e.businessObject.id && !e.labelTarget
    && e.type !== 'bpmn:Process' && e.type !== 'bpmn:Collaboration' && e.type !== 'label');
  chooser.replaceChildren(new Option(chooser.dataset.prompt, ''));
  choices.sort((a, b) => a.id.localeCompare(b.id)).forEach((e) => {
    const name = e.businessObject.name ? e.businessObject.name + ' — ' : '';
    chooser.append(new Option(name + e.id + ' (' + e.type.replace('bpmn:', '') + ')', e.id));
  });
}

function showFindings(findings) {
  const mine = findings.filter((f) => !f.file || f.file === root.dataset.file);
  const painted = paintFindings(modeler, mine);
  listFindings(list, mine, choose);
  root.dataset.painted = String(painted.length);
  return mine;
}

chooser.addEventListener('change', () => choose(chooser.value));

// Leaving with changes that are not saved asks first.
let unsaved = false;
modeler.on('commandStack.changed', () => { unsaved = true; });
window.addEventListener('beforeunload', (event) => {
  if (unsaved) { event.preventDefault(); event.returnValue = ''; }
});
modeler.on('selection.changed', (event) => {
  const selected = event.newSelection[0];
  if (selected && selected.id !== chooser.value) { chooser.value = selected.id; }
});

let covered = data('coverage');
const coverage = document.getElementById('toon-dekking');
coverage.addEventListener('change', () => paintMarks(modeler, covered, coverage.checked));

// Run the draft's scenarios on its saved revision and paint what they took on this canvas.
document.getElementById('modeler-testen').addEventListener('click', () => {
  root.dataset.tested = 'busy';
  say(status.dataset.testing);
  fetch(root.dataset.testRun, { method: 'POST', credentials: 'same-origin',
    headers: { 'X-CSRFToken': root.dataset.csrf, Accept: 'application/json' } })
    .then((response) => response.json().then((json) => {
      if (!response.ok) { throw new Error(json.detail || json.title || ('HTTP ' + response.status)); }
      return json;
    }))
    .then((json) => {
      paintMarks(modeler, covered, false);
      covered = ((json.coverage || {}).painted || {})[root.dataset.file] || {};
      coverage.disabled = false;
      coverage.checked = true;
      paintMarks(modeler, covered, true);
      say(json.refused || json.message);
      root.dataset.tested = json.refused ? 'refused' : 'true';
    })
    .catch((error) => { say(error.message); root.dataset.tested = 'error'; });
});
const differences = document.getElementById('toon-verschillen');
let diff = null;
if (differences) {
  differences.addEventListener('change', () => {
    const paint = (marks) => { paintMarks(modeler, marks, differences.checked); root.dataset.diff = 'shown'; };
    if (diff) { paint(diff); return; }
    fetch(root.dataset.diffUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => r.json())
      .then((json) => { diff = json.markers || {}; paint(diff); say(json.summary); });
  });
}

document.getElementById('modeler-bewaren').addEventListener('click', () => {
  root.dataset.saved = 'busy';
  say(status.dataset.saving);
  modeler.saveXML({ format: true })
    .then(({ xml }) => save(root.dataset.save, xml, 'application/xml', root.dataset.csrf))
    .then((json) => {
      unsaved = false;
      const mine = showFindings(json.findings);
      const errors = mine.filter((f) => f.severity === 'error').length;
      say(json.message + ' ' + status.dataset.found.replace('%d', String(errors)));
      root.dataset.saved = String(json.revision);
    })
    .catch((error) => { say(error.message); root.dataset.saved = 'error'; });
});

fetch(root.dataset.src, { credentials: 'same-origin' })
  .then((response) => {
    if (!response.ok) { throw new Error('HTTP ' + response.status); }
    return response.text();
  })
  .then((xml) => modeler.importXML(xml))
  .then((result) => {
    keepLoopReferences(result.warnings);
    readable();
    fillChooser();
    showFindings(data('findings') || []);
    root.dataset.ready = 'true';
  })
  .catch((error) => { say(error.message); root.dataset.ready = 'error'; });
