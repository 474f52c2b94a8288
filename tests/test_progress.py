"""Where a trajectory stood at event N (engine/history/progress.py): loop rounds and multi-instance
instances told apart, the scopes of an open task active."""

from __future__ import annotations

from engine.history.progress import State, progress

F = "diagnostische_fase"
ROUND_1 = [(13, [f"{F}/gw_onderzoeksronde", f"{F}/onderzoek[0]/onderzoek_start", f"{F}/onderzoek[1]/onderzoek_start"]),
           (14, [f"{F}/onderzoek[0]/onderzoek_psychologisch", f"{F}/onderzoek[0]"]),
           (15, [f"{F}/onderzoek[1]/onderzoek_logopedisch", f"{F}/onderzoek[1]", f"{F}/bevindingen_bundelen"])]
MEETING_1 = [(16, [f"{F}/teamoverleg", f"{F}/gw_onderzoeksronde", f"{F}/onderzoek[0]/onderzoek_start"])]


def test_two_instances_of_one_round_are_apart():
    runs = progress(ROUND_1).runs
    starts = [(r.instances, r.round) for r in runs if r.element == "onderzoek_start"]
    assert starts == [(("0",), 1), (("1",), 1)]
    assert progress(ROUND_1).elements()["onderzoek"].instances == ("0", "1")


def test_a_second_round_is_round_two_also_for_a_task_that_runs_only_then():
    at_16 = progress(ROUND_1 + MEETING_1, ready=[f"{F}/onderzoek[0]/onderzoek_motorisch"])
    motor = [r for r in at_16.runs if r.element == "onderzoek_motorisch"]
    assert [(r.state, r.round, r.instances) for r in motor] == [(State.ACTIVE, 2, ("0",))]
    rounds = [(r.round, r.state) for r in at_16.runs if r.element == "gw_onderzoeksronde"]
    assert rounds == [(1, State.DONE), (2, State.DONE)]
    assert [(r.round, r.state) for r in at_16.runs if r.element == "onderzoek_start"] == [
        (1, State.DONE), (1, State.DONE), (2, State.DONE)]
    assert at_16.elements()["onderzoek_motorisch"].state is State.ACTIVE
    assert at_16.elements()["gw_onderzoeksronde"].rounds == 2


def test_the_scopes_of_an_open_task_are_active_and_a_timer_waits():
    at = progress(ROUND_1, ready=[f"{F}/teamoverleg"], waiting=[f"{F}/termijn_overleg"])
    elements = at.elements()
    assert elements["teamoverleg"].state is State.ACTIVE and elements[F].state is State.ACTIVE
    assert elements["termijn_overleg"].state is State.WAITING
    assert elements["onderzoek_psychologisch"].state is State.DONE


def test_nothing_happened_yet():
    assert progress([]).runs == [] and progress([(1, [])]).elements() == {}
