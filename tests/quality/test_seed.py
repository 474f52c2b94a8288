"""processes/ is the shipped seed: `ekd init` loads it as a version when its content is new, and
never undoes a publication made in the app (after one, new seed content becomes a draft to review)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from engine import guidelines, scenarios
from engine.actors import COMMAND_LINE
from tests.conftest import FORMS, PROCESSES, ROOT
from tests.quality import guideline

EKD = str(Path(sys.executable).with_name("ekd"))


def seed_from(folder: Path):
    return guidelines.load([folder], FORMS), scenarios.files_in(folder / "scenarios")


def changed_seed(tmp_path: Path, label: str) -> Path:
    folder = tmp_path / label
    shutil.copytree(PROCESSES, folder)
    bpmn = folder / "diagnostisch_traject.bpmn"
    bpmn.write_text(bpmn.read_text(encoding="utf-8").replace('name="Crisis?"', f'name="{label}"'), encoding="utf-8")
    return folder


def test_new_seed_content_is_a_version_until_the_app_publishes(services, members, tmp_path):
    publish = services.quality.publication
    assert publish.seed(*seed_from(PROCESSES), COMMAND_LINE) == ("known", services.library.current())
    outcome, version = publish.seed(*seed_from(changed_seed(tmp_path, "Crisis nu?")), COMMAND_LINE)
    assert outcome == "version" and services.library.current() == version

    an, bert = members["an"], members["bert"]
    files = guideline.files(scenarios=(guideline.URGENT, guideline.REMINDED))
    draft = services.quality.drafts.create(an, files={name: text.encode() for name, text in files.items()})
    publish.approve(draft, bert)
    published = publish.publish(draft, an)

    later = seed_from(changed_seed(tmp_path, "Crisis later?"))
    outcome, seeded = publish.seed(*later, COMMAND_LINE)
    assert outcome == "draft" and services.library.current() == published       # the publication stands
    assert publish.seed(*later, COMMAND_LINE) == ("known", seeded)                # no second draft
    view = services.quality.drafts.read(seeded, an)
    assert view.version == later[0].version and "crisis.json" in {f.name for f in view.files}


def test_a_retired_seed_stays_retired(services, members):
    shipped = services.library.current()
    services.quality.publication.retire(shipped, "Vervangen.", members["an"])
    assert services.quality.publication.seed(*seed_from(PROCESSES), COMMAND_LINE) == ("known", shipped)
    assert services.library.current() is None


def test_ekd_init_loads_the_seed_with_its_scenarios_once(tmp_path):
    env = {**os.environ, "EKD_DATABASE_URL": f"sqlite:///{tmp_path / 'ekd.sqlite'}", "EKD_INSTANCE_DIR": str(tmp_path)}
    first = subprocess.run([EKD, "init"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0 and "richtlijn geladen: versie" in first.stdout, first.stderr
    again = subprocess.run([EKD, "init"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "richtlijn al geladen" in again.stdout, again.stderr
