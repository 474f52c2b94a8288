"""Hostile guidelines are refused with a clear error and no effect; SpiffWorkflow alone runs them."""

from __future__ import annotations

import itertools

import pytest

from engine import guidelines
from engine.errors import ScriptError
from tests.hostile import cases, models, runners

CASES = list(itertools.product(cases.PLACES, cases.ATTACKS))
IDS = [f"{place}-{attack.name}" for place, attack in CASES]
LIMIT = 2.0  # the sandbox's default time limit, seconds


def assert_refused(outcome: runners.Outcome, place: str, marker) -> None:
    """The attack was stopped by ekd's sandbox, named its element, and had no effect."""
    assert outcome.finished, "the run did not stop"
    assert isinstance(outcome.error, ScriptError), f"not refused by the sandbox: {outcome.error_type}"
    assert outcome.error.element == cases.ELEMENT[place], str(outcome.error)
    assert outcome.error.reason, "the error must say why"
    assert outcome.seconds < LIMIT + 1.5, f"took {outcome.seconds:.1f} s"
    assert not marker.exists(), "the attack had an effect"


@pytest.mark.parametrize(("place", "attack"), CASES, ids=IDS)
def test_attack_is_refused_by_ekd(place, attack, tmp_path):
    marker = tmp_path / "marker"
    bpmn, dmn = models.build(place, attack, str(marker))
    assert_refused(runners.with_ekd(bpmn, dmn), place, marker)


@pytest.mark.parametrize(("place", "attack"), CASES, ids=IDS)
def test_same_check_fails_on_plain_spiffworkflow(place, attack, tmp_path):
    """Pointed at SpiffWorkflow's own script engine, the check above must fail."""
    marker = tmp_path / "marker"
    bpmn, dmn = models.build(place, attack, str(marker))
    outcome = runners.with_plain_spiffworkflow(bpmn, dmn)
    if attack.effect == cases.WRITES:
        assert marker.exists(), f"expected SpiffWorkflow to run the attack ({outcome.error_type})"
    with pytest.raises(AssertionError):
        assert_refused(outcome, place, marker)


VISIBLE = [(place, attack) for place, attack in CASES if attack.effect == cases.WRITES]


@pytest.mark.parametrize(("place", "attack"), VISIBLE,
                         ids=[f"{place}-{attack.name}" for place, attack in VISIBLE])
def test_validate_names_the_hostile_element(place, attack, tmp_path):
    """`ekd validate` refuses what it can see without running: imports, dunders, frames, getattr."""
    bpmn, dmn = models.build(place, attack, str(tmp_path / "marker"))
    (tmp_path / "aanval.bpmn").write_text(bpmn)
    if dmn:
        (tmp_path / "aanval.dmn").write_text(dmn)
    problems = guidelines.check(guidelines.load([tmp_path]))
    on_element = [p for p in problems if p.element == cases.ELEMENT[place]]
    assert on_element, [str(p) for p in problems]
