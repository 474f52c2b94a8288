"""The quality center's API for running trajectories across guideline versions: dry-run or run a
migration, and what-if. For quality-center members only; no client data in the answers."""

from __future__ import annotations

from dataclasses import asdict

from flask import jsonify

from web.api import api_actor, bp
from web.api import schemas as s
from web.api.bodies import body
from web.api.openapi import operation
from web.app_services import services


@bp.post("/guidelines/<to>/migrations")
@operation("Lopende trajecten naar versie {to} verplaatsen, of eerst nagaan (dry_run): per traject can_move, "
           "blocked (elke blokkade met de stap en de reden) of moved; lopende termijnen en wat ermee gebeurt",
           returns="MigrationResults", body="Migration", errors=(401, 403, 404, 409, 422))
def migrations(to: str):
    asked = body(s.Migration)
    results = services().quality.migrations.migrate(to, asked["source"], asked["trajectories"], asked["mappings"],
                                                    asked["dry_run"], api_actor(), asked["reason"])
    return jsonify(s.MigrationResults().dump({"results": [
        {"trajectory": r.trajectory, "status": str(r.status), "blockers": [asdict(b) for b in r.blockers],
         "deadlines": [asdict(d) for d in r.deadlines], "moves": r.moves} for r in results]}))


@bp.post("/guidelines/<version>/what-if")
@operation("Wat als: de opgenomen antwoorden van een traject opnieuw op versie {version}, in het geheugen; beide "
           "paden (BPMN-ids) en het eerste verschil, zonder cliëntgegevens", returns="WhatIf", body="WhatIfRequest",
           errors=(401, 403, 404, 422))
def what_if(version: str):
    asked = body(s.WhatIfRequest)
    return jsonify(s.WhatIf().dump(asdict(services().quality.what_ifs.run(version, asked["trajectory"], api_actor()))))
