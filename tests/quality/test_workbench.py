"""The workbench's use cases over a real SQLite store: drafts, checks, test runs, four eyes, versions."""

from __future__ import annotations

import pytest

from engine.access import Forbidden
from engine.quality.findings import Severity
from engine.services.errors import Conflict
from engine.services.quality.common import PublicationRefused
from engine.text import InvalidInput
from tests.quality import guideline


def encoded(files: dict[str, str]) -> dict[str, bytes]:
    return {name: text.encode() for name, text in files.items()}


def test_a_draft_from_the_published_version_has_its_files_and_the_same_content(services, members, shipped_version):
    an = members["an"]
    draft = services.quality.drafts.create(an, from_version=shipped_version)
    view = services.quality.drafts.read(draft, an)
    names = {f.name for f in view.files}
    assert {"diagnostisch_traject.bpmn", "vaph_mdt_disciplines.dmn", "intake.json", "standaard.json"} <= names
    assert {f.kind for f in view.files if f.name == "standaard.json"} == {"scenario"}
    assert view.version == shipped_version                 # unchanged content, unchanged id
    assert view.history[0][1] == f"aangemaakt uit versie {shipped_version}" and view.saved_by == "an"
    assert [f for f in view.findings if f.severity == Severity.ERROR] == []


def test_every_save_is_a_revision_with_who_and_when_and_its_findings(services, members):
    an, bert = members["an"], members["bert"]
    draft = services.quality.drafts.create(an, files=encoded(guideline.files()))
    broken = guideline.model().replace('name="Dringend?"', 'name=""')
    findings = services.quality.drafts.put(draft, {"hulpmiddel.bpmn": broken.encode()}, bert)
    assert ("bpmnlint/label-required", "gw_dringend") in {(f.rule, f.element) for f in findings}
    services.quality.drafts.delete(draft, "leeftijd.dmn", an)
    view = services.quality.drafts.read(draft, an)
    assert [(number, who) for number, _, who, _ in view.history] == [(3, "an"), (2, "bert"), (1, "an")]
    assert "leeftijd.dmn" not in {f.name for f in view.files}
    assert any(f.element == "categorie_bepalen" for f in view.findings), view.findings


def test_only_quality_center_members_work_on_guidelines(services, members, everyone, shipped_version):
    with pytest.raises(Forbidden, match="kwaliteitscentrum"):
        services.quality.drafts.create(everyone, from_version=shipped_version)
    with pytest.raises(Forbidden):
        services.quality.catalogue.entries(everyone)


@pytest.mark.parametrize("name", ["../x.bpmn", "map/x.bpmn", "x.exe", "", ".bpmn", "a" * 120 + ".json"])
def test_file_names_are_flat(services, members, name):
    with pytest.raises(InvalidInput, match="bestandsnaam"):
        services.quality.drafts.create(members["an"], files={name: b"{}"})


def test_four_eyes_publication_and_retirement(services, members, shipped_version):
    an, bert = members["an"], members["bert"]
    draft = services.quality.drafts.create(an, files=encoded(guideline.files()))
    report = services.quality.testing.run(draft, an)
    assert [o.passed for o in report.outcomes] == [True]
    assert report.coverage.nodes == (11, 15) and report.coverage.flows == (11, 15)
    assert list(report.coverage.untaken) == guideline.UNTAKEN_BY_URGENT
    with pytest.raises(PublicationRefused) as refused:
        services.quality.publication.publish(draft, an)
    unmet = " | ".join(refused.value.conditions)
    assert "dekking stroomknopen 73 % (11/15) is lager dan de drempel 100 %" in unmet
    assert "nog geen goedkeuring" in unmet

    services.quality.drafts.put(draft, {"gewoon_met_herinnering.json": guideline.files(
        scenarios=(guideline.REMINDED,))["gewoon_met_herinnering.json"].encode()}, an)
    with pytest.raises(Conflict, match="ander lid"):
        services.quality.publication.approve(draft, an)       # the last editor
    services.quality.publication.approve(draft, bert)
    version = services.quality.publication.publish(draft, an)
    assert services.library.current() == version != shipped_version
    entries = {e.id: e for e in services.quality.catalogue.entries(an)}
    assert entries[version].status == "published" and entries[version].current
    assert draft not in entries                                     # a published draft is a version now

    services.quality.publication.retire(version, "Fout in de drempel.", bert)
    assert services.library.current() == shipped_version           # retired: no new starts on it
    with pytest.raises(InvalidInput):
        services.quality.publication.retire(shipped_version, "  ", bert)


def test_an_approval_is_for_one_revision(services, members):
    an, bert = members["an"], members["bert"]
    files = guideline.files(scenarios=(guideline.URGENT, guideline.REMINDED))
    draft = services.quality.drafts.create(an, files=encoded(files))
    services.quality.publication.approve(draft, bert)
    services.quality.drafts.put(draft, {"advies.json": files["advies.json"].replace("Advies", "Het advies").encode()},
                                an)
    with pytest.raises(PublicationRefused, match="nog geen goedkeuring"):
        services.quality.publication.publish(draft, bert)


def test_a_save_that_crosses_another_is_refused_and_keeps_nothing(services, members, monkeypatch):
    an, bert = members["an"], members["bert"]
    draft = services.quality.drafts.create(an, files=encoded(guideline.files()))
    checker = services.quality.drafts._checker
    findings = checker.findings

    def meanwhile(bundle):                    # Bert saves while An's checks run
        monkeypatch.setattr(checker, "findings", findings)
        services.quality.drafts.put(draft, {"advies.json": b'{"title": "Advies", "type": "object"}'}, bert)
        return findings(bundle)
    monkeypatch.setattr(checker, "findings", meanwhile)
    with pytest.raises(Conflict, match="intussen"):
        services.quality.drafts.put(draft, {"beoordeling.json": b'{"type": "object"}'}, an)
    view = services.quality.drafts.read(draft, an)
    assert view.revision == 2 and view.saved_by == "bert"
