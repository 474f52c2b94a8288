"""The API's endpoints for a trajectory: start and read it, its team, anchor person, consent and
events, and its A-document (the same use cases as the dossier's and the A-document's pages)."""

from __future__ import annotations

from flask import Response, jsonify

from web import inputs, values
from web.api import api_actor, bp
from web.api import schemas as s
from web.api.bodies import body, form_data
from web.api.openapi import LOCATION, VERSION, operation
from web.app_services import services

MANAGE = (401, 403, 404, 409, 422)


@bp.post("/trajectories")
@operation("Een traject starten voor een kind (409 als het kind al een lopend traject heeft)", ok=201,
           returns="Created", body="StartTrajectory", headers=LOCATION, errors=(401, 403, 404, 409, 422))
def start():
    trajectory = services().trajectories.start(body(s.StartTrajectory)["child_id"], api_actor())
    return jsonify(s.Created().dump({"id": trajectory})), 201, {"Location": f"/api/v1/trajectories/{trajectory}"}


@bp.get("/trajectories/<trajectory_id>")
@operation("Een traject: status, instemming, klaarliggende taken, termijnen", returns="Trajectory")
def trajectory(trajectory_id: str):
    return jsonify(s.Trajectory().dump(services().trajectories.read(trajectory_id, api_actor())))


@bp.get("/trajectories/<trajectory_id>/events")
@operation("De gebeurtenissen van een traject", returns="Event", many=True)
def events(trajectory_id: str):
    return jsonify(s.Event(many=True).dump(services().trajectories.events(trajectory_id, api_actor())))


@bp.put("/trajectories/<trajectory_id>/team")
@operation("Het hele team vervangen (de coördinator van het traject): elke persoon heeft de rol waarin hij komt, "
           "er blijft een coördinator en de ankerfiguur blijft in het team", returns="Team", body="Team",
           errors=MANAGE)
def team(trajectory_id: str):
    members = [(m["person"], m["role"]) for m in body(s.Team)["members"]]
    services().teams.replace(trajectory_id, members, api_actor())
    # The use case makes the team exactly these members: the answer is the team.
    kept = sorted(set(members), key=lambda m: (m[1], m[0]))
    return jsonify(s.Team().dump({"members": [{"person": p, "role": r} for p, r in kept]}))


@bp.put("/trajectories/<trajectory_id>/anchor")
@operation("De ankerfiguur aanduiden (iemand van het team) of weghalen (null)", ok=204, body="Anchor",
           errors=MANAGE)
def anchor(trajectory_id: str):
    services().teams.set_anchor(trajectory_id, body(s.Anchor)["person"], api_actor())
    return "", 204


@bp.post("/trajectories/<trajectory_id>/consent")
@operation("De instemming intrekken (het traject staat stil) of opnieuw registreren, met wie en waarom", ok=204,
           body="Consent", errors=MANAGE)
def consent(trajectory_id: str):
    given = body(s.Consent)
    record = services().trajectories.withdraw_consent if given["status"] == "ingetrokken" \
        else services().trajectories.restore_consent
    record(trajectory_id, given["note"], api_actor(), by=given["by"])
    return "", 204


# -- the A-document -------------------------------------------------------------------------

@bp.get("/trajectories/<trajectory_id>/a-document")
@operation("Het A-document als JSON (schema: docs/a-document.schema.json)", returns="ADocument", query=(VERSION,),
           errors=(401, 403, 404, 422))
def a_document(trajectory_id: str):
    exported = services().documents.exported(trajectory_id, api_actor(), inputs.positive_integer("version"))
    return jsonify(values.exported_json(exported))


@bp.get("/trajectories/<trajectory_id>/a-document.pdf")
@operation("Het A-document als PDF", returns={"application/pdf": {}}, query=(VERSION,), errors=(401, 403, 404, 422))
def a_document_pdf(trajectory_id: str):
    from web import pdf  # WeasyPrint loads only when a PDF is asked for
    exported = services().documents.exported(trajectory_id, api_actor(), inputs.positive_integer("version"))
    return Response(pdf.a_document(exported), mimetype="application/pdf")


@bp.put("/trajectories/<trajectory_id>/a-document/additions")
@operation("Aanvullen wat ontbreekt, met het formulier van het A-document (forms/a_document.json); vervangt de "
           "vorige aanvullingen", ok=204, body={"type": "object", "description": "Volgens forms/a_document.json"},
           errors=MANAGE)
def additions(trajectory_id: str):
    services().documents.complete_missing(trajectory_id, form_data(), api_actor())
    return "", 204


@bp.post("/trajectories/<trajectory_id>/a-document/signatures")
@operation("Ondertekenen voor elke ondertekenende discipline die je in het team hebt (gebonden aan de hash)",
           ok=204, errors=(401, 403, 404, 409))
def sign(trajectory_id: str):
    services().trajectories.sign_document(trajectory_id, api_actor())
    return "", 204


@bp.post("/trajectories/<trajectory_id>/a-document/agreement")
@operation("Het akkoord van de cliënt registreren (na een correctie; de eerste keer via de taak)", ok=204,
           body="AgreementBody", errors=MANAGE)
def agree(trajectory_id: str):
    given = body(s.AgreementBody)
    services().documents.agree(trajectory_id, given["datum"], given["partijen"], api_actor())
    return "", 204


@bp.post("/trajectories/<trajectory_id>/a-document/submission")
@operation("Indienen en bevriezen: de eerste versie via de taak van de richtlijn, een correctie rechtstreeks "
           "(409 zolang iets ontbreekt)", ok=204, errors=MANAGE)
def submit(trajectory_id: str):
    services().trajectories.submit_document(trajectory_id, api_actor())
    return "", 204


@bp.post("/trajectories/<trajectory_id>/a-document/corrections")
@operation("Een ingediend A-document corrigeren: een nieuwe versie, opnieuw te ondertekenen en akkoord te geven",
           ok=201, returns="NewVersion", body="Correction", headers=LOCATION, errors=MANAGE)
def correct(trajectory_id: str):
    version = services().documents.correct(trajectory_id, body(s.Correction)["reden"], api_actor())
    return jsonify(s.NewVersion().dump({"version": version})), 201, {
        "Location": f"/api/v1/trajectories/{trajectory_id}/a-document?version={version}"}
