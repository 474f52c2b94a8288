"""The API's endpoints for people: who holds which role (coordinators forming a team, administrators),
and the administrator's people and roles — the same use cases as the people page."""

from __future__ import annotations

from dataclasses import asdict

from flask import jsonify, url_for

from engine.roles import ROLES
from web import inputs
from web.api import api_actor, bp
from web.api import schemas as s
from web.api.bodies import body
from web.api.openapi import LOCATION, operation, query
from web.app_services import services

ROLE = query("role", "Enkel wie deze rol heeft", {"type": "string", "enum": list(ROLES)})


def _link(issued) -> dict:
    link = url_for("people.set_password", secret=issued.secret, _external=True)
    return s.PasswordLink().dump({"person_id": issued.person_id, "password_link": link,
                                  "expires_at": issued.expires_at})


@bp.get("/people")
@operation("Wie welke rol heeft: voor een coördinator de actieve mensen met een rol in een team, voor een "
           "beheerder iedereen", returns="Person", many=True, query=(ROLE,), errors=(401, 403, 422))
def people():
    return jsonify(s.Person(many=True).dump(services().people.listing(api_actor(), inputs.one("role"))))


@bp.post("/people")
@operation("Een persoon toevoegen (beheerder): zonder wachtwoord, met een eenmalige link om het in te stellen "
           "(72 uur geldig)", ok=201, returns="PasswordLink", body="NewPerson", headers=LOCATION,
           errors=(401, 403, 409, 422))
def add_person():
    given = body(s.NewPerson)
    issued = services().accounts.create(given["username"], given["display_name"], given["roles"], api_actor())
    return jsonify(_link(issued)), 201, {"Location": f"/api/v1/people/{issued.person_id}"}


@bp.get("/people/<person_id>")
@operation("Een persoon met de gebeurtenissen van zijn record (beheerder)", returns="PersonRecord")
def person(person_id: str):
    record = services().accounts.record(person_id, api_actor())
    return jsonify(s.PersonRecord().dump({**asdict(record.person), "events": record.events}))


@bp.patch("/people/<person_id>")
@operation("Rollen geven en afnemen, deactiveren of opnieuw activeren (beheerder); deactiveren beëindigt meteen "
           "alle sessies en tokens", returns="Person", body="PersonChange", errors=(401, 403, 404, 409, 422))
def change_person(person_id: str):
    given = body(s.PersonChange)
    changed = services().accounts.change(person_id, api_actor(), roles=given.get("roles"), active=given.get("active"))
    return jsonify(s.Person().dump(changed))


@bp.post("/people/<person_id>/password-reset")
@operation("Een nieuwe eenmalige link om een wachtwoord in te stellen (beheerder); het oude wachtwoord werkt tot "
           "het nieuwe ingesteld is, oudere links niet meer", returns="PasswordLink", errors=(401, 403, 404, 409))
def reset_password(person_id: str):
    return jsonify(_link(services().accounts.reset_password(person_id, api_actor())))


@bp.delete("/people/<person_id>/sessions")
@operation("Alle sessies en tokens van een persoon intrekken (beheerder)", ok=204)
def revoke(person_id: str):
    services().logins.revoke_all(person_id, api_actor())
    return "", 204
