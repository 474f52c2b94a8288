// The quality center's DMN editor: dmn-js (decision tables, the decision requirements diagram,
// literal expressions). Saving is a new draft revision; every entry is compiled in ekd's sandbox on
// the server, and the findings come back beside the table (a rule's finding names its row).
import DmnModeler from 'dmn-js/lib/Modeler';
import { listFindings, save } from './canvas_marks';

const root = document.getElementById('dmn-editor');
const status = document.getElementById('modeler-status');
const list = document.getElementById('modeler-bevindingen');
const tabs = document.getElementById('dmn-views');
const modeler = new DmnModeler({ container: document.getElementById('dmn-canvas') });

function say(text) { status.textContent = text; }

function mark(findings) {
  document.querySelectorAll('#dmn-canvas .ekd-q-finding').forEach((e) => e.classList.remove('ekd-q-finding'));
  findings.forEach((f) => {
    if (!f.element) { return; }
    const id = CSS.escape(f.element);       // a rule (its row) or one entry (its cell)
    document.querySelectorAll('#dmn-canvas [data-row-id="' + id + '"], #dmn-canvas [data-element-id="' + id + '"]')
      .forEach((cell) => cell.classList.add('ekd-q-finding'));
  });
}

function showFindings(findings) {
  const mine = findings.filter((f) => !f.file || f.file === root.dataset.file);
  listFindings(list, mine, null);
  mark(mine);
  root.dataset.painted = String(mine.filter((f) => f.element).length);
  return mine;
}

let findings = JSON.parse(root.dataset.findings || '[]');

function fillTabs() {
  tabs.replaceChildren();
  const active = modeler.getActiveView();
  modeler.getViews().forEach((view) => {
    const button = document.createElement('button');
    button.type = 'button';
    const kind = { drd: tabs.dataset.drd, decisionTable: tabs.dataset.table, literalExpression: tabs.dataset.literal };
    button.textContent = (kind[view.type] || view.type) + ': ' + (view.element.name || view.element.id);
    button.setAttribute('aria-pressed', String(active && active.element === view.element));
    button.addEventListener('click', () => modeler.open(view));
    tabs.append(button);
  });
}

modeler.on('views.changed', () => { fillTabs(); setTimeout(() => mark(findings), 0); });

document.getElementById('modeler-bewaren').addEventListener('click', () => {
  root.dataset.saved = 'busy';
  say(status.dataset.saving);
  modeler.saveXML({ format: true })
    .then(({ xml }) => save(root.dataset.save, xml, 'application/xml', root.dataset.csrf))
    .then((json) => {
      findings = json.findings;
      const mine = showFindings(findings);
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
  .then(() => {
    const table = modeler.getViews().find((v) => v.type === 'decisionTable');
    return table ? modeler.open(table) : null;
  })
  .then(() => { fillTabs(); showFindings(findings); root.dataset.ready = 'true'; })
  .catch((error) => { say(error.message); root.dataset.ready = 'error'; });
