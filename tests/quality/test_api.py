"""Through the API, a guideline ekd has never seen: uploaded with scenarios, checked, test-run with
exact coverage (a clock step fires the boundary timer), approved by a second member, published;
new trajectories start on it. A hostile script is refused at check and at publication, and never runs."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.hostile import cases, models
from tests.quality import guideline
from tests.store.helpers import make_child
from tests.web.test_api import token

EKD = str(Path(sys.executable).with_name("ekd"))


def upload(client, headers, files: dict[str, str]):
    data = {"files": [(io.BytesIO(text.encode()), name) for name, text in files.items()]}
    return client.post("/api/v1/guidelines/drafts", data=data, headers=headers, content_type="multipart/form-data")


def test_an_unseen_guideline_from_upload_to_publication(app, services, members):
    client, an, bert = app.test_client(), token(app, "an"), token(app, "bert")
    created = upload(client, an, guideline.files())
    assert created.status_code == 201, created.json
    draft = created.json["id"]
    assert set(client.get(f"/api/v1/guidelines/drafts/{draft}", headers=an).json["files"]) == {
        "hulpmiddel.bpmn", "leeftijd.dmn", "aanvraag.json", "advies.json", "beoordeling.json", "herinnering.json",
        "dringend_jong.json"}
    assert client.post(f"/api/v1/guidelines/drafts/{draft}/checks", headers=an).json == {"findings": []}

    first = client.post(f"/api/v1/guidelines/drafts/{draft}/test-runs", headers=an).json
    assert [(s["name"], s["passed"]) for s in first["scenarios"]] == [("dringend_jong", True)]
    assert first["coverage"]["flow_nodes"] == {"covered": 11, "total": 15}
    assert first["coverage"]["sequence_flows"] == {"covered": 11, "total": 15}
    assert first["coverage"]["dmn_rules"] == {"covered": 1, "total": 2}
    assert first["coverage"]["untaken"] == guideline.UNTAKEN_BY_URGENT
    refused = client.post(f"/api/v1/guidelines/drafts/{draft}/publication", headers=an)
    assert refused.status_code == 409
    assert any("lager dan de drempel 100 %" in c for c in refused.json["conditions"])
    assert any("goedkeuring" in c for c in refused.json["conditions"])

    reminded = guideline.files(scenarios=(guideline.REMINDED,))["gewoon_met_herinnering.json"]
    saved = client.put(f"/api/v1/guidelines/drafts/{draft}/files/gewoon_met_herinnering.json", data=reminded,
                       headers={**an, "Content-Type": "application/json"})
    assert saved.status_code == 200 and saved.json == {"findings": []}
    run = client.post(f"/api/v1/guidelines/drafts/{draft}/test-runs", headers=an).json
    timer = next(s for s in run["scenarios"] if s["name"] == "gewoon_met_herinnering")
    assert timer["passed"] and "termijn_beoordeling" in timer["path"] and "herinnering" in timer["path"]
    assert run["coverage"]["flow_nodes"] == {"covered": 15, "total": 15} == \
        {"covered": 15, "total": run["coverage"]["sequence_flows"]["total"]}
    assert run["coverage"]["untaken"] == [] and run["coverage"]["dmn_rules"] == {"covered": 2, "total": 2}

    assert client.post(f"/api/v1/guidelines/drafts/{draft}/approval", headers=an).status_code == 409  # last editor
    assert client.post(f"/api/v1/guidelines/drafts/{draft}/approval", headers=bert).status_code == 204
    published = client.post(f"/api/v1/guidelines/drafts/{draft}/publication", headers=an)
    assert published.status_code == 201, published.json
    version = published.json["version"]
    listed = {g["id"]: g for g in client.get("/api/v1/guidelines", headers=bert).json}
    assert listed[version]["kind"] == "version" and listed[version]["status"] == "published"
    assert listed[version]["running_trajectories"] == 0 and draft not in listed

    coordinator = services.people.add("coordinator", "wachtwoord-123", ["coordinator"], "Coördinator")
    trajectory = services.trajectories.start(make_child(services, coordinator), coordinator)
    assert services.trajectories.view(trajectory).guideline_version == version
    assert client.get("/api/v1/guidelines", headers=an).json[0]["running_trajectories"] == 1


def test_the_zip_of_a_version_passes_ekd_validate_and_ekd_simulate(app, members, shipped_version, tmp_path):
    client, an = app.test_client(), token(app, "an")
    download = client.get(f"/api/v1/guidelines/{shipped_version}/export.zip", headers=an)
    assert download.status_code == 200 and download.mimetype == "application/zip"
    zipfile.ZipFile(io.BytesIO(download.data)).extractall(tmp_path)
    assert (tmp_path / "scenarios" / "crisis.json").is_file() and (tmp_path / "diagnostisch_traject.bpmn").is_file()
    validated = subprocess.run([EKD, "validate", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    models_ = sorted(str(p) for p in tmp_path.glob("*.bpmn")) + sorted(str(p) for p in tmp_path.glob("*.dmn"))
    simulated = subprocess.run([EKD, "simulate", *models_, "--process", "diagnostisch_traject", "--answers",
                                str(tmp_path / "scenarios" / "crisis.json")], capture_output=True, text=True,
                               timeout=120)
    assert simulated.returncode == 0 and simulated.stderr == "", simulated.stderr
    output = json.loads(simulated.stdout)
    assert output["completed"] and "escalatie_crisis" in output["path"]     # its clock step fired the 72 h timer


VISIBLE = [(place, attack) for place in cases.PLACES for attack in cases.ATTACKS if attack.effect == cases.WRITES]


@pytest.mark.parametrize(("place", "attack"), VISIBLE[::3], ids=[f"{p}-{a.name}" for p, a in VISIBLE[::3]])
def test_a_hostile_script_is_refused_at_check_and_publication_and_never_runs(app, members, tmp_path, place, attack):
    client, an, bert = app.test_client(), token(app, "an"), token(app, "bert")
    marker = tmp_path / "marker"
    bpmn, dmn = models.build(place, attack, str(marker))
    files = {"aanval.bpmn": bpmn, **({"aanval.dmn": dmn} if dmn else {}),
             "probeer.json": json.dumps({"name": "probeer", "answers": {}, "expect": {"completed": True}})}
    draft = upload(client, an, files).json["id"]
    findings = client.post(f"/api/v1/guidelines/drafts/{draft}/checks", headers=an).json["findings"]
    scripts = [f for f in findings if f["rule"] == "ekd/script"]
    assert [f["element"] for f in scripts] == [cases.ELEMENT[place]] and scripts[0]["severity"] == "error"
    assert scripts[0]["line"] is not None or "regel" not in scripts[0]["message"]
    run = client.post(f"/api/v1/guidelines/drafts/{draft}/test-runs", headers=an).json
    assert run["scenarios"][0]["passed"] is False and run["scenarios"][0]["failure"].startswith("niet uitgevoerd")
    client.post(f"/api/v1/guidelines/drafts/{draft}/approval", headers=bert)
    refused = client.post(f"/api/v1/guidelines/drafts/{draft}/publication", headers=an)
    assert refused.status_code == 409 and cases.ELEMENT[place] in refused.json["detail"]
    assert cases.ELEMENT[place] in {f["element"] for f in refused.json["findings"]}
    assert not marker.exists()


def test_compare_a_draft_with_the_published_version(app, members, shipped_version):
    client, an = app.test_client(), token(app, "an")
    draft = client.post("/api/v1/guidelines/drafts", json={"from_version": shipped_version}, headers=an).json["id"]
    name = "diagnostisch_traject.bpmn"
    text = client.get(f"/api/v1/guidelines/drafts/{draft}/files/{name}", headers=an).text
    changed = text.replace('name="Crisis?"', 'name="Is er een crisis?"').replace(
        "alle_disciplines_akkoord = all(", "alle_disciplines_akkoord = len(handtekeningen) > 0 and all(")
    client.put(f"/api/v1/guidelines/drafts/{draft}/files/{name}", data=changed, headers=an)
    comparison = client.get(f"/api/v1/guidelines/{shipped_version}/diff/{draft}", headers=an).json
    effects = {c["element"]: c["effect"] for c in comparison["changes"]}
    assert effects == {"gw_crisis": "layout only", "handtekeningen_controleren": "changes behaviour"}
    assert comparison["markers"]["b"][name] == {"gw_crisis": "changed", "handtekeningen_controleren": "changed"}


@pytest.mark.parametrize("role", ["admin", "auditor", "coordinator", "psychologist"])
def test_other_roles_are_refused_with_a_reason(app, services, members, role, shipped_version):
    services.people.add(f"x-{role}", "wachtwoord-123", [role], role)
    headers = token(app, f"x-{role}")
    client = app.test_client()
    for method, url in [("get", "/api/v1/guidelines"), ("get", f"/api/v1/guidelines/{shipped_version}/export.zip"),
                        ("post", "/api/v1/guidelines/drafts")]:
        answer = getattr(client, method)(url, headers=headers, json={"from_version": shipped_version})
        assert answer.status_code == 403 and "kwaliteitscentrum" in answer.json["detail"]
