"""A guideline ekd has never seen, written for these tests: a request for an aid (hulpmiddel) with
exclusive and parallel gateways, a DMN task, a non-interrupting boundary timer and a script."""

from __future__ import annotations

import json

from tests.quality.nets import Net, attach

PROCESS = "hulpmiddel"
NODES = [
    ("begin", "startEvent", "Aanvraag ontvangen"),
    ("aanvraag", "userTask", "Aanvraag registreren"),
    ("categorie_bepalen", "businessRuleTask", "Leeftijdscategorie bepalen"),
    ("gw_dringend", "exclusiveGateway", "Dringend?"),
    ("gw_advies", "parallelGateway", ""),
    ("advies_arts", "userTask", "Medisch advies"),
    ("advies_psycholoog", "userTask", "Psychologisch advies"),
    ("gw_advies_klaar", "parallelGateway", ""),
    ("beoordeling", "userTask", "Aanvraag beoordelen"),
    ("termijn_beoordeling", "boundaryEvent", "14 dagen verstreken"),
    ("herinnering", "userTask", "Herinnering sturen"),
    ("herinnering_verstuurd", "endEvent", "Herinnering verstuurd"),
    ("gw_verder", "exclusiveGateway", ""),
    ("besluit", "scriptTask", "Besluit nemen"),
    ("klaar", "endEvent", "Aanvraag beslist"),
]
FLOWS = [
    ("f_begin", "begin", "aanvraag"),
    ("f_aanvraag", "aanvraag", "categorie_bepalen"),
    ("f_categorie", "categorie_bepalen", "gw_dringend"),
    ("f_dringend", "gw_dringend", "gw_advies", "ja", "dringend"),
    ("f_gewoon", "gw_dringend", "beoordeling", "nee"),
    ("f_naar_arts", "gw_advies", "advies_arts"),
    ("f_naar_psycholoog", "gw_advies", "advies_psycholoog"),
    ("f_arts_klaar", "advies_arts", "gw_advies_klaar"),
    ("f_psycholoog_klaar", "advies_psycholoog", "gw_advies_klaar"),
    ("f_advies_klaar", "gw_advies_klaar", "gw_verder"),
    ("f_beoordeeld", "beoordeling", "gw_verder"),
    ("f_herinnering", "termijn_beoordeling", "herinnering"),
    ("f_herinnerd", "herinnering", "herinnering_verstuurd"),
    ("f_verder", "gw_verder", "besluit"),
    ("f_besluit", "besluit", "klaar"),
]
COLUMNS = {"begin": 0, "aanvraag": 1, "categorie_bepalen": 2, "gw_dringend": 3, "gw_advies": 4, "advies_arts": 5,
           "advies_psycholoog": 5, "gw_advies_klaar": 6, "beoordeling": 5, "herinnering": 6,
           "herinnering_verstuurd": 7, "gw_verder": 8, "besluit": 9, "klaar": 10}
LANES = {"coordinator": ["begin", "aanvraag", "categorie_bepalen", "gw_dringend", "gw_advies", "gw_advies_klaar",
                         "beoordeling", "termijn_beoordeling", "gw_verder", "besluit", "klaar"],
         "physician": ["advies_arts"], "psychologist": ["advies_psycholoog"],
         "team_lead": ["herinnering", "herinnering_verstuurd"]}
SCRIPT = 'besluit = "toegekend" if categorie == "jong" else "verder onderzoeken"'


def _form(form: str) -> str:
    return ('<bpmn:extensionElements><spiffworkflow:properties><spiffworkflow:property '
            f'name="formJsonSchemaFilename" value="{form}"/></spiffworkflow:properties></bpmn:extensionElements>')


def model(script: str = SCRIPT, threshold: str = "100") -> str:
    """The BPMN file, with `script` in the decision's script task."""
    from xml.sax.saxutils import escape
    inner = {"aanvraag": _form("aanvraag.json"), "advies_arts": _form("advies.json"),
             "advies_psycholoog": _form("advies.json"), "beoordeling": _form("beoordeling.json"),
             "herinnering": _form("herinnering.json"),
             "categorie_bepalen": '<bpmn:extensionElements><spiffworkflow:calledDecisionId>leeftijdscategorie'
                                  '</spiffworkflow:calledDecisionId></bpmn:extensionElements>',
             "termijn_beoordeling": '<bpmn:timerEventDefinition><bpmn:timeDuration>"P14D"</bpmn:timeDuration>'
                                    '</bpmn:timerEventDefinition>',
             "besluit": f"<bpmn:script>{escape(script)}</bpmn:script>"}
    attrs = {"gw_dringend": ' default="f_gewoon"', "termijn_beoordeling": attach("beoordeling", interrupting=False)}
    return Net(PROCESS, NODES, FLOWS, inner=inner, attrs=attrs, lanes=LANES, columns=COLUMNS,
               properties={"ekdCoverageThreshold": threshold}).xml()


DECISION = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d_leeftijd" name="Leeftijd"
    namespace="http://ekd.test">
  <decision id="leeftijdscategorie" name="Leeftijdscategorie">
    <decisionTable id="tabel_leeftijd" hitPolicy="UNIQUE">
      <input id="invoer_leeftijd" label="Leeftijd">
        <inputExpression id="uitdrukking_leeftijd" typeRef="integer"><text>leeftijd</text></inputExpression>
      </input>
      <output id="uitvoer_categorie" label="Categorie" name="categorie" typeRef="string"/>
      <rule id="regel_jong"><inputEntry id="regel_jong_in"><text>&lt; 6</text></inputEntry>
        <outputEntry id="regel_jong_uit"><text>"jong"</text></outputEntry></rule>
      <rule id="regel_ouder"><inputEntry id="regel_ouder_in"><text>&gt;= 6</text></inputEntry>
        <outputEntry id="regel_ouder_uit"><text>"ouder"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
"""


def _schema(title: str, properties: dict, required: list[str]) -> str:
    return json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, "type": "object",
                       "properties": properties, "required": required, "additionalProperties": False}, indent=2)


NOTE = {"type": "string", "title": "Toelichting", "maxLength": 500}
FORMS = {
    "aanvraag.json": _schema("Aanvraag", {"leeftijd": {"type": "integer", "title": "Leeftijd", "minimum": 0,
                                                       "maximum": 25},
                                          "dringend": {"type": "boolean", "title": "Dringend"}},
                             ["leeftijd", "dringend"]),
    "advies.json": _schema("Advies", {"advies": NOTE}, ["advies"]),
    "beoordeling.json": _schema("Beoordeling", {"beoordeling": NOTE}, ["beoordeling"]),
    "herinnering.json": _schema("Herinnering", {"herinnering": NOTE}, ["herinnering"]),
}
URGENT = {"name": "dringend_jong", "start": "2026-10-01T09:00:00+02:00",
          "answers": {"aanvraag": {"leeftijd": 4, "dringend": True}, "advies_arts": {"advies": "Rolstoel."},
                      "advies_psycholoog": {"advies": "Akkoord."}},
          "expect": {"completed": True, "path_contains": ["advies_arts", "advies_psycholoog", "besluit"],
                     "data": {"categorie": "jong", "besluit": "toegekend"}}}
REMINDED = {"name": "gewoon_met_herinnering", "start": "2026-10-01T09:00:00+02:00",
            "answers": {"aanvraag": {"leeftijd": 9, "dringend": False},
                        "herinnering": {"herinnering": "Beoordeling ligt te lang."},
                        "beoordeling": {"beoordeling": "Verder onderzoeken."}},
            "clock": [{"after": "aanvraag", "advance": "P15D"}],
            "expect": {"completed": True, "path_contains": ["termijn_beoordeling", "herinnering", "beoordeling"],
                       "data": {"categorie": "ouder", "besluit": "verder onderzoeken"}}}


def files(*, script: str = SCRIPT, scenarios: tuple[dict, ...] = (URGENT,)) -> dict[str, str]:
    """The guideline's files, by flat name."""
    found = {"hulpmiddel.bpmn": model(script), "leeftijd.dmn": DECISION, **FORMS}
    for scenario in scenarios:
        found[f"{scenario['name']}.json"] = json.dumps(scenario, ensure_ascii=False, indent=2)
    return found


# Only scenario URGENT: every node and flow of the normal, reminded path is untaken.
UNTAKEN_BY_URGENT = ["beoordeling", "f_beoordeeld", "f_gewoon", "f_herinnerd", "f_herinnering", "herinnering",
                     "herinnering_verstuurd", "termijn_beoordeling"]
