// bpmnlint (npm, 11.15) over BPMN files, for ekd's checks on the server.
// stdin: {"config": {"extends": ..., "rules": {...}}, "files": {"name.bpmn": "<xml>"}}
// stdout: [{"file", "rule", "category", "id", "message", "property"}] (import problems have rule "import")
'use strict';

const { BpmnModdle } = require('bpmn-moddle');
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

function readInput() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function lintFile(linter, name, xml) {
  const found = [];
  let root;
  try {
    const parsed = await new BpmnModdle().fromXML(xml);
    root = parsed.rootElement;
    for (const warning of parsed.warnings || []) {
      found.push({ file: name, rule: 'import', category: 'error', message: warning.message,
        id: warning.element && warning.element.id || null, property: warning.property || null,
        owner: warning.element && warning.element.$type || null });
    }
  } catch (error) {
    found.push({ file: name, rule: 'import', category: 'error', message: error.message, id: null });
    return found;
  }
  const results = await linter.lint(root);
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      found.push({ file: name, rule, category: report.category, id: report.id || null,
        message: report.message, property: (report.path || []).join('.') || null });
    }
  }
  return found;
}

async function main() {
  const input = JSON.parse(await readInput());
  const linter = new Linter({ config: input.config, resolver: new NodeResolver() });
  const found = [];
  for (const name of Object.keys(input.files).sort()) {
    found.push(...await lintFile(linter, name, input.files[name]));
  }
  process.stdout.write(JSON.stringify(found));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(2);
});
