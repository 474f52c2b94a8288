"""The API's endpoints for children: register one (one child, one dossier), list and read them by
need-to-know — the same use cases as the pages."""

from __future__ import annotations

from dataclasses import asdict

from flask import jsonify

from engine.text import InvalidInput
from web import inputs
from web.api import api_actor, bp
from web.api import schemas as s
from web.api.bodies import body
from web.api.openapi import LOCATION, operation, query
from web.app_services import services


@bp.post("/children")
@operation("Een kind registreren met zijn gezin en wettelijke vertegenwoordigers (409 als het INSZ al een dossier "
           "heeft: wie het coördineert staat in 'coordinators')", ok=201, returns="Created", body="NewChild",
           headers=LOCATION, errors=(401, 403, 409, 422))
def register():
    given = body(s.NewChild)
    try:
        child = services().children.register(given["insz"], given["voornaam"], given["familienaam"],
                                             given["geboortedatum"], api_actor(), given["vertegenwoordigers"])
    except InvalidInput as invalid:
        # The engine names a representative as the page's form does; the API's body calls them vertegenwoordigers.
        raise InvalidInput(invalid.field.replace("vertegenwoordiger", "vertegenwoordigers", 1), invalid.reason,
                           invalid.code, invalid.params) from None
    return jsonify(s.Created().dump({"id": child})), 201, {"Location": f"/api/v1/children/{child}"}


@bp.get("/children")
@operation("De kinderen wiens dossier je mag openen (ook zoeken op naam of INSZ)", returns="ChildSummary", many=True,
           query=(query("search", "Naam of INSZ (hoogstens 100 tekens)"),), errors=(401, 403, 422))
def children():
    return jsonify(s.ChildSummary(many=True).dump(services().children.visible(api_actor(), inputs.one("search"))))


@bp.get("/children/<child_id>")
@operation("Een kind: zijn gegevens, het gezin (voor wie het mag zien) en de trajecten waarin je zit",
           returns="Child")
def child(child_id: str):
    record = services().children.get(child_id, api_actor())
    return jsonify(s.Child().dump({**asdict(record.child), "vertegenwoordigers": record.representatives,
                                   "trajecten": [{"id": t, "status": status} for t, status in record.trajectories]}))
