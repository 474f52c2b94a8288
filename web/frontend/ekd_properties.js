// ekd's group in the properties panel: everything ekd reads from a BPMN element, edited through the
// modeler's commands (so undo works and the XML stays SpiffWorkflow's): a lane's role, a user task's
// form and ekdAction, scripts and pre/post scripts, gateway conditions, timers, called elements and
// DMN decisions. The choices (roles, forms, actions, decisions) come from the page (EKD_CHOICES).
import { h } from '@bpmn-io/properties-panel/preact';
import { SelectEntry, TextAreaEntry, TextFieldEntry, isSelectEntryEdited, isTextAreaEntryEdited,
  isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

const FORM = 'formJsonSchemaFilename';
const ACTION = 'ekdAction';
const TIMER_KINDS = () => [['timeDuration', t('duration')], ['timeDate', t('date')], ['timeCycle', t('cycle')]];

// The page's texts in its language (web/pages/quality/editors.py), by key.
function t(key) { return (window.EKD_CHOICES.labels || {})[key] || key; }

function extensionValues(bo, type) {
  const extensions = bo.get('extensionElements');
  return extensions ? extensions.get('values').filter((value) => is(value, type)) : [];
}

function spiffProperty(bo, name) {
  for (const properties of extensionValues(bo, 'spiffworkflow:Properties')) {
    const found = properties.get('properties').find((p) => p.name === name);
    if (found) { return found; }
  }
  return undefined;
}

// The extension container of `bo` (made when missing).
function extensions(element, bo, injector) {
  let container = bo.get('extensionElements');
  if (!container) {
    container = injector.get('bpmnFactory').create('bpmn:ExtensionElements', { values: [] });
    container.$parent = bo;
    injector.get('modeling').updateModdleProperties(element, bo, { extensionElements: container });
  }
  return container;
}

function setSpiffProperty(element, name, value, injector) {
  const modeling = injector.get('modeling');
  const bo = getBusinessObject(element);
  const found = spiffProperty(bo, name);
  if (found && !value) {
    const owner = found.$parent;
    modeling.updateModdleProperties(element, owner, { properties: owner.get('properties').filter((p) => p !== found) });
    return;
  }
  if (found) {
    modeling.updateModdleProperties(element, found, { value });
    return;
  }
  if (!value) { return; }
  const factory = injector.get('bpmnFactory');
  const container = extensions(element, bo, injector);
  let owner = extensionValues(bo, 'spiffworkflow:Properties')[0];
  if (!owner) {
    owner = factory.create('spiffworkflow:Properties', { properties: [] });
    owner.$parent = container;
    modeling.updateModdleProperties(element, container, { values: [...container.get('values'), owner] });
  }
  const property = factory.create('spiffworkflow:Property', { name, value });
  property.$parent = owner;
  modeling.updateModdleProperties(element, owner, { properties: [...owner.get('properties'), property] });
}

function bodyOf(bo, type) {
  const found = extensionValues(bo, type)[0];
  return found ? found.value || '' : '';
}

function setBody(element, type, value, injector) {
  const modeling = injector.get('modeling');
  const bo = getBusinessObject(element);
  const found = extensionValues(bo, type)[0];
  if (found && !value) {
    const owner = found.$parent;
    modeling.updateModdleProperties(element, owner, { values: owner.get('values').filter((v) => v !== found) });
  } else if (found) {
    modeling.updateModdleProperties(element, found, { value });
  } else if (value) {
    const container = extensions(element, bo, injector);
    const made = injector.get('bpmnFactory').create(type, { value });
    made.$parent = container;
    modeling.updateModdleProperties(element, container, { values: [...container.get('values'), made] });
  }
}

function options(pairs, empty) {
  return [{ value: '', label: empty }, ...pairs.map(([value, label]) => ({ value, label: label || value }))];
}

function Select(props) {
  const { element, id, label, pairs, empty, get, set } = props;
  const injector = useService('injector');
  return h(SelectEntry, { element, id, label, getValue: () => get() || '',
    setValue: (value) => set(value, injector), getOptions: () => options(pairs(get()), empty) });
}

function Text(props) {
  const { element, id, label, get, set, area } = props;
  const injector = useService('injector');
  const debounce = useService('debounceInput');
  const entry = area ? TextAreaEntry : TextFieldEntry;
  return h(entry, { element, id, label, debounce, monospace: !!area, rows: 3, getValue: () => get() || '',
    setValue: (value) => set(value, injector) });
}

// Keep a value the page does not know (an older form, a role since removed) choosable, so it shows.
function withCurrent(pairs, current) {
  return current && !pairs.some(([value]) => value === current) ? [...pairs, [current, current + ' (' + t('unknown') + ')']] : pairs;
}

function select(id, label, element, get, set, pairs, empty) {
  return { id, element, isEdited: isSelectEntryEdited,
    component: (props) => h(Select, { ...props, element, id, label, get, set, pairs, empty }) };
}

function text(id, label, element, get, set, area) {
  return { id, element, isEdited: area ? isTextAreaEntryEdited : isTextFieldEntryEdited,
    component: (props) => h(Text, { ...props, element, id, label, get, set, area }) };
}

function expression(factory, body) {
  return body ? factory.create('bpmn:FormalExpression', { body }) : undefined;
}

function timerEntries(element, definition, injector) {
  const kind = () => TIMER_KINDS().map(([k]) => k).find((k) => definition.get(k)) || '';
  const setKind = (value) => {
    const old = kind();
    const body = old ? definition.get(old).body : '';
    const changes = { timeDate: undefined, timeDuration: undefined, timeCycle: undefined };
    if (value) { changes[value] = expression(injector.get('bpmnFactory'), body || ' '); }
    injector.get('modeling').updateModdleProperties(element, definition, changes);
  };
  return [
    select('ekd-timer-kind', t('timerKind'), element, kind, setKind, TIMER_KINDS, t('none')),
    text('ekd-timer-value', t('timer'), element,
      () => (kind() ? definition.get(kind()).body : ''),
      (value) => injector.get('modeling').updateModdleProperties(element, definition,
        { [kind() || 'timeDuration']: expression(injector.get('bpmnFactory'), value) })),
  ];
}

function entries(element, choices, injector) {
  const bo = getBusinessObject(element);
  const found = [];
  const update = (changes) => injector.get('modeling').updateProperties(element, changes);
  if (is(element, 'bpmn:Lane')) {
    found.push(select('ekd-role', t('role'), element, () => bo.name,
      (value) => update({ name: value }), (current) => withCurrent(choices.roles, current), t('chooseRole')));
  }
  if (is(element, 'bpmn:UserTask')) {
    found.push(select('ekd-form', t('form'), element, () => (spiffProperty(bo, FORM) || {}).value,
      (value, inj) => setSpiffProperty(element, FORM, value, inj),
      (current) => withCurrent(choices.forms.map((f) => [f, f]), current), t('noForm')));
    found.push(select('ekd-action', t('action'), element,
      () => (spiffProperty(bo, ACTION) || {}).value, (value, inj) => setSpiffProperty(element, ACTION, value, inj),
      (current) => withCurrent(choices.actions.map((a) => [a, a]), current), t('none')));
  }
  if (is(element, 'bpmn:ScriptTask')) {
    found.push(text('ekd-script', t('script'), element, () => bo.script,
      (value) => update({ scriptFormat: 'python', script: value || undefined }), true));
  }
  if (is(element, 'bpmn:Activity') || is(element, 'bpmn:Event')) {
    found.push(text('ekd-prescript', t('preScript'), element, () => bodyOf(bo, 'spiffworkflow:PreScript'),
      (value, inj) => setBody(element, 'spiffworkflow:PreScript', value, inj), true));
    found.push(text('ekd-postscript', t('postScript'), element,
      () => bodyOf(bo, 'spiffworkflow:PostScript'),
      (value, inj) => setBody(element, 'spiffworkflow:PostScript', value, inj), true));
  }
  if (is(element, 'bpmn:SequenceFlow') && bo.sourceRef && is(bo.sourceRef, 'bpmn:Gateway')) {
    found.push(text('ekd-condition', t('condition'), element,
      () => (bo.conditionExpression ? bo.conditionExpression.body : ''),
      (value, inj) => update({ conditionExpression: expression(inj.get('bpmnFactory'), value) }), true));
  }
  if (is(element, 'bpmn:CallActivity')) {
    found.push(text('ekd-called', t('called'), element, () => bo.calledElement,
      (value) => update({ calledElement: value || undefined })));
  }
  if (is(element, 'bpmn:BusinessRuleTask')) {
    found.push(text('ekd-decision', t('decision'), element, () => bodyOf(bo, 'spiffworkflow:CalledDecisionId'),
      (value, inj) => setBody(element, 'spiffworkflow:CalledDecisionId', value, inj)));
  }
  const timer = (bo.eventDefinitions || []).find((d) => is(d, 'bpmn:TimerEventDefinition'));
  if (timer) { found.push(...timerEntries(element, timer, injector)); }
  return found;
}

export default function EkdPropertiesProvider(propertiesPanel, injector) {
  this.getGroups = function (element) {
    return function (groups) {
      const ours = entries(element, window.EKD_CHOICES, injector);
      const kept = groups.filter((group) => group.id !== 'timer');     // ours edits the timer
      return ours.length ? [...kept, { id: 'ekd', label: 'ekd', entries: ours }] : kept;
    };
  };
  propertiesPanel.registerProvider(400, this);
}
EkdPropertiesProvider.$inject = ['propertiesPanel', 'injector'];
