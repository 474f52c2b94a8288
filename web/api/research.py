"""The auditor's research API: conformance per trajectory and version, the XES and CSV exports — the
same use cases and pseudonyms as the conformance page. Auditors only, read-only; each call is logged."""

from __future__ import annotations

from flask import Response, jsonify

from engine.history.conformance import Spread
from engine.services.audit.research import Report
from web.api import api_actor, bp
from web.api.openapi import operation, query
from web.app_services import services
from web.pages.audit.research import scope

_STRING = {"type": "string"}
_WHEN = {"type": ["string", "null"], "format": "date-time"}
_SPREAD = {"type": "object", "description": "Seconden", "properties": {
    "count": {"type": "integer"}, "median": {"type": ["number", "null"]}, "p90": {"type": ["number", "null"]}}}
_DEADLINE = {"type": "object", "properties": {"id": _STRING, "name": _STRING, "activity": _STRING,
                                              "state": {"enum": ["gehaald", "gemist", "lopend", "niet_bereikt"]},
                                              "at": _WHEN}}
_TRAJECTORY = {"type": "object", "properties": {
    "id": _STRING, "pseudonym": _STRING, "version": _STRING, "status": _STRING, "started_at": _WHEN,
    "last_event_at": _WHEN, "path": {"type": "array", "items": _STRING},
    "deadlines": {"type": "array", "items": _DEADLINE}, "escalations": {"type": "array", "items": _STRING},
    "repeated": {"type": "object", "additionalProperties": {"type": "integer"}}, "rounds": {"type": "integer"},
    "consent_withdrawals": {"type": "integer"}, "migrations": {"type": "integer"},
    "deviations": {"type": "array", "items": _STRING}, "a_document_submitted": {"type": "boolean"},
    "roles": {"type": "array", "items": _STRING}}}
_STEP = {"type": "object", "properties": {"element": _STRING, "name": _STRING, "lead": _SPREAD, "waiting": _SPREAD,
                                          "working": _SPREAD, "deadlines_missed": {"type": "integer"}}}
_VERSION = {"type": "object", "properties": {
    "id": _STRING, "number": {"type": "integer"}, "trajectories": {"type": "integer"},
    "steps": {"type": "array", "items": _STEP},
    "paths": {"type": "array", "items": {"type": "object", "properties": {
        "path": {"type": "array", "items": _STRING}, "trajectories": {"type": "integer"},
        "share": {"type": "number"}}}},
    "deadlines_missed": {"type": "object", "additionalProperties": {"type": "integer"}}}}
_CONFORMANCE = {"application/json": {"schema": {"type": "object", "properties": {
    "trajectories": {"type": "array", "items": _TRAJECTORY}, "versions": {"type": "array", "items": _VERSION}}}}}
_SCOPE = (query("version", "Richtlijnversie (hash of het begin ervan, of haar nummer)"),
          query("from", "Vanaf (JJJJ-MM-DD)", {"type": "string", "format": "date"}),
          query("to", "Tot en met (JJJJ-MM-DD)", {"type": "string", "format": "date"}))


@bp.get("/audit/conformance")
@operation("Conformantie (auditors): per traject termijnen, escalaties, rondes, instemming, migraties en pad; per "
           "versie doorlooptijd per stap (mediaan, p90), paden en gemiste termijnen. Onder pseudoniem.",
           returns=_CONFORMANCE, errors=(401, 403, 404, 422), query=_SCOPE)
def audit_conformance():
    return jsonify(conformance_json(services().research.conformance(api_actor(), scope())))


@bp.get("/audit/export.xes")
@operation("Export voor process mining: XES (IEEE 1849-2016), één trace per traject onder pseudoniem, één "
           "gebeurtenis per start en afronding van een taak in de periode, met de rol (geen namen)",
           returns={"application/xml": {}}, errors=(401, 403, 404, 422), query=_SCOPE)
def audit_export_xes():
    return Response(services().research.xes(api_actor(), scope()), mimetype="application/xml",
                    headers={"Content-Disposition": 'attachment; filename="ekd-trajecten.xes"'})


@bp.get("/audit/export.csv")
@operation("Export voor onderzoek: CSV met één rij per traject (duur, disciplines, rondes, termijnen, uitkomst)",
           returns={"text/csv": {}}, errors=(401, 403, 404, 422), query=_SCOPE)
def audit_export_csv():
    return Response(services().research.csv(api_actor(), scope()), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="ekd-trajecten.csv"'})


def _spread(spread: Spread) -> dict:
    return {"count": spread.count, "median": spread.median, "p90": spread.p90}


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def conformance_json(report: Report) -> dict:
    return {
        "trajectories": [{
            "id": t.conformance.trajectory, "pseudonym": t.pseudonym, "version": t.conformance.version,
            "status": t.conformance.status, "started_at": _when(t.conformance.started),
            "last_event_at": _when(t.conformance.last), "path": list(t.conformance.path),
            "deadlines": [{"id": d.id, "name": d.name, "activity": d.activity, "state": str(d.state), "at": _when(d.at)}
                          for d in t.conformance.deadlines],
            "escalations": list(t.conformance.escalations), "repeated": t.conformance.repeated,
            "rounds": t.conformance.rounds, "consent_withdrawals": t.conformance.withdrawals,
            "migrations": t.conformance.migrations, "deviations": list(t.conformance.deviations),
            "a_document_submitted": t.conformance.submitted, "roles": list(t.conformance.roles)}
            for t in report.trajectories],
        "versions": [{
            "id": v.id, "number": v.number, "trajectories": v.summary.trajectories,
            "steps": [{"element": s.element, "name": s.name, "lead": _spread(s.lead), "waiting": _spread(s.waiting),
                       "working": _spread(s.working), "deadlines_missed": s.missed} for s in v.summary.steps],
            "paths": [{"path": list(path), "trajectories": n, "share": v.summary.share(n)}
                      for path, n in v.summary.paths],
            "deadlines_missed": v.summary.missed} for v in report.versions]}
