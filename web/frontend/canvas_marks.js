// What ekd paints on a diagram it edits: findings (a badge and a red outline per element), coverage
// (taken / never taken) and a comparison (added / changed), each switched on and off by itself.
const FINDING = 'ekd-q-finding';

function badge(messages) {
  const element = document.createElement('span');
  element.className = 'ekd-note-badge' + (messages.some((m) => m.severity === 'error') ? ' error' : '');
  element.setAttribute('role', 'img');
  const text = messages.map((m) => m.severity + ': ' + m.message).join(' | ');
  element.setAttribute('aria-label', text);
  element.title = text;
  element.textContent = '!';
  return element;
}

export function paintFindings(viewer, findings) {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  overlays.remove({ type: 'ekd-note' });
  registry.forEach((element) => canvas.removeMarker(element, FINDING));
  const byElement = {};
  findings.forEach((finding) => {
    if (finding.element && registry.get(finding.element)) {
      (byElement[finding.element] = byElement[finding.element] || []).push(finding);
    }
  });
  Object.keys(byElement).forEach((id) => {
    canvas.addMarker(id, FINDING);
    overlays.add(id, 'ekd-note', { position: { top: -10, right: 10 }, html: badge(byElement[id]) });
  });
  return Object.keys(byElement);
}

export function paintMarks(viewer, marks, on) {
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  Object.keys(marks).forEach((id) => {
    if (!registry.get(id)) { return; }
    if (on) { canvas.addMarker(id, 'ekd-q-' + marks[id]); } else { canvas.removeMarker(id, 'ekd-q-' + marks[id]); }
  });
}

// The findings as a list beside the canvas: each one a button that selects its element, so the
// properties panel shows what to fix (the keyboard way to a finding).
export function listFindings(list, findings, choose) {
  list.replaceChildren();
  if (!findings.length) {
    const none = document.createElement('li');
    none.textContent = list.dataset.empty;
    list.append(none);
    return;
  }
  findings.forEach((finding) => {
    const item = document.createElement('li');
    item.className = 'finding-' + finding.severity;
    const label = (finding.severity === 'error' ? list.dataset.error : list.dataset.warning) + ' · ' + finding.rule;
    if (finding.element && choose) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = finding.element;
      button.addEventListener('click', () => choose(finding.element));
      item.append(label + ' · ', button, ': ' + finding.message);
    } else {
      item.append(label + (finding.element ? ' · ' + finding.element : '') + ': ' + finding.message);
    }
    list.append(item);
  });
}

export function save(url, body, type, token) {
  return fetch(url, { method: 'POST', credentials: 'same-origin', body,
    headers: { 'Content-Type': type, 'X-CSRFToken': token, Accept: 'application/json' } })
    .then((response) => response.json().then((json) => {
      if (!response.ok) { throw new Error(json.detail || json.title || ('HTTP ' + response.status)); }
      return json;
    }));
}
