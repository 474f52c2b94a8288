// bpmn-js and its properties panel speak English; on a Dutch page the texts a person meets most
// (palette, context pad, the panel's standard groups) are Dutch. Others stay English.
const DUTCH = {
  'Activate hand tool': 'Handgereedschap', 'Activate lasso tool': 'Lasso (meerdere kiezen)',
  'Activate create/remove space tool': 'Ruimte maken of wegnemen', 'Activate global connect tool': 'Verbinden',
  'Create start event': 'Startgebeurtenis maken', 'Create intermediate/boundary event': 'Tussen- of randgebeurtenis maken',
  'Create end event': 'Eindgebeurtenis maken', 'Create gateway': 'Gateway maken', 'Create task': 'Taak maken',
  'Create expanded sub-process': 'Deelproces maken', 'Create data object reference': 'Gegevensobject maken',
  'Create data store reference': 'Gegevensopslag maken', 'Create pool/participant': 'Pool maken',
  'Create group': 'Groep maken', 'Append end event': 'Eindgebeurtenis toevoegen', 'Append gateway': 'Gateway toevoegen',
  'Append task': 'Taak toevoegen', 'Append intermediate/boundary event': 'Tussengebeurtenis toevoegen',
  'Change element': 'Soort wijzigen', 'Delete': 'Verwijderen', 'Connect to other element': 'Verbinden met een ander element',
  'Connect using association': 'Verbinden met een associatie', 'Add text annotation': 'Notitie toevoegen',
  'Add lane above': 'Baan erboven toevoegen', 'Add lane below': 'Baan eronder toevoegen',
  'Divide into two lanes': 'In twee banen splitsen', 'Divide into three lanes': 'In drie banen splitsen',
  General: 'Algemeen', Name: 'Naam', ID: 'ID', Documentation: 'Documentatie',
  'Element documentation': 'Documentatie van het element', 'Process documentation': 'Documentatie van het proces',
  Executable: 'Uitvoerbaar', 'Process name': 'Procesnaam', 'Process ID': 'Proces-ID',
  'Multi-instance': 'Meervoudige instantie', 'Loop cardinality': 'Aantal herhalingen',
  'Completion condition': 'Voltooiingsvoorwaarde', 'Select an element to edit its properties.':
    'Kies een element om zijn eigenschappen te bewerken.',
};

export default {
  translate: ['value', function translate(template, replacements) {
    const dutch = document.documentElement.lang.startsWith('nl');
    const text = (dutch && DUTCH[template]) || template;
    return text.replace(/{([^}]+)}/g, (_, key) => (replacements || {})[key] ?? '{' + key + '}');
  }],
};
