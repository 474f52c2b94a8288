"""Moving a running workflow onto another version's process, in memory (the runtime's check and
migrate, no store): purpose-made pairs for a parallel join waiting, a standard loop, a sequential
multi-instance, a step inserted after the open one; the move onto the same process changes nothing."""

from __future__ import annotations

import json

from engine import runtime

NODES = """
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="eerst"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    {after_first}
    <bpmn:parallelGateway id="splits"><bpmn:incoming>f2b</bpmn:incoming>
      <bpmn:outgoing>fa</bpmn:outgoing><bpmn:outgoing>fb</bpmn:outgoing>{split_extra}</bpmn:parallelGateway>
    <bpmn:userTask id="links"><bpmn:incoming>fa</bpmn:incoming><bpmn:outgoing>fa2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="rechts"><bpmn:incoming>fb</bpmn:incoming><bpmn:outgoing>fb2</bpmn:outgoing></bpmn:userTask>
    {third}
    <bpmn:parallelGateway id="samen"><bpmn:incoming>fa2</bpmn:incoming><bpmn:incoming>fb2</bpmn:incoming>
      {join_extra}<bpmn:outgoing>f3</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:userTask id="herhaald"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:standardLoopCharacteristics><bpmn:loopCondition>{loop}</bpmn:loopCondition></bpmn:standardLoopCharacteristics></bpmn:userTask>
    <bpmn:userTask id="elk"><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics isSequential="true">
        <bpmn:loopCardinality>{cardinality}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:endEvent id="einde"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="eerst"/>
    {first_flows}
    <bpmn:sequenceFlow id="fa" sourceRef="splits" targetRef="links"/>
    <bpmn:sequenceFlow id="fb" sourceRef="splits" targetRef="rechts"/>
    <bpmn:sequenceFlow id="fa2" sourceRef="links" targetRef="samen"/>
    <bpmn:sequenceFlow id="fb2" sourceRef="rechts" targetRef="samen"/>
    {third_flows}
    <bpmn:sequenceFlow id="f3" sourceRef="samen" targetRef="herhaald"/>
    <bpmn:sequenceFlow id="f4" sourceRef="herhaald" targetRef="elk"/>
    <bpmn:sequenceFlow id="f5" sourceRef="elk" targetRef="einde"/>"""
# The loop repeats while its condition holds (SpiffWorkflow's reading of loopCondition).
A = {"after_first": "", "split_extra": "", "third": "", "join_extra": "", "loop": "rondes &lt; 4",
     "cardinality": "2", "first_flows": '<bpmn:sequenceFlow id="f2" sourceRef="eerst" targetRef="splits"/>',
     "third_flows": ""}
INSERTED = {**A, "after_first": '<bpmn:userTask id="nieuw"><bpmn:incoming>f2</bpmn:incoming>'
                                '<bpmn:outgoing>f2b</bpmn:outgoing></bpmn:userTask>',
            "first_flows": '<bpmn:sequenceFlow id="f2" sourceRef="eerst" targetRef="nieuw"/>'
                           '<bpmn:sequenceFlow id="f2b" sourceRef="nieuw" targetRef="splits"/>'}
THIRD = {**A, "split_extra": "<bpmn:outgoing>fc</bpmn:outgoing>", "join_extra": "<bpmn:incoming>fc2</bpmn:incoming>",
         "third": '<bpmn:userTask id="midden"><bpmn:incoming>fc</bpmn:incoming><bpmn:outgoing>fc2</bpmn:outgoing>'
                  '</bpmn:userTask>',
         "third_flows": '<bpmn:sequenceFlow id="fc" sourceRef="splits" targetRef="midden"/>'
                        '<bpmn:sequenceFlow id="fc2" sourceRef="midden" targetRef="samen"/>'}


def process(**shape) -> runtime.Definition:
    nodes = NODES.format(**shape)
    if 'id="f2b"' not in nodes:
        nodes = nodes.replace('<bpmn:incoming>f2b</bpmn:incoming>', '<bpmn:incoming>f2</bpmn:incoming>')
    text = ('<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/'
            f'20100524/MODEL" id="d" targetNamespace="http://ekd.test"><bpmn:process id="proef" isExecutable="true">'
            f'{nodes}</bpmn:process></bpmn:definitions>')
    return runtime.parse([runtime.Source("proef.bpmn", text.encode())]).process("proef")


def run_to(instance: runtime.Instance, stop: str, data=None) -> runtime.Instance:
    """Complete ready tasks in order until `stop` is ready."""
    while instance.ready_tasks() and stop not in [t.element for t in instance.ready_tasks()]:
        task = instance.ready_tasks()[0]
        instance.complete(task.id, dict(data or {}, rondes=task.data.get("rondes", 0) + 1))
    return instance


def finish(instance: runtime.Instance) -> list[str]:
    path = []
    while instance.ready_tasks():
        task = instance.ready_tasks()[0]
        path += [c.element for c in instance.complete(task.id, {"rondes": task.data.get("rondes", 0) + 1})]
    assert instance.completed
    return path


def moved(instance: runtime.Instance, target: runtime.Definition, mapping=None) -> runtime.Instance:
    with runtime.repeatable("proef/verplaatst"):
        return runtime.migrate(instance, target, mapping or {})


def test_moving_onto_the_same_process_changes_nothing():
    for stop in ("eerst", "rechts", "herhaald", "elk"):
        instance = run_to(runtime.Engine().start(process(**A)), stop)
        before = instance.dumps()
        check = runtime.check(instance, process(**A), {})
        assert check.can_move and check.moves == {}
        assert json.loads(moved(instance, process(**A)).dumps()) == json.loads(before)


def test_a_step_inserted_after_the_open_task_runs_after_the_move():
    instance = runtime.Engine().start(process(**A))
    task = instance.ready_tasks()[0]
    assert runtime.check(instance, process(**INSERTED), {}).can_move
    after = moved(instance, process(**INSERTED))
    assert [t.id for t in after.ready_tasks()] == [task.id]
    assert finish(after)[:3] == ["eerst", "nieuw", "splits"]


def test_a_parallel_join_waiting_for_a_branch_the_new_version_changes_is_blocked():
    instance = run_to(runtime.Engine().start(process(**A)), "rechts")
    instance.complete(next(t.id for t in instance.ready_tasks() if t.element == "links"), {})
    check = runtime.check(instance, process(**THIRD), {})
    assert [(b.element, "paden" in b.reason) for b in check.blockers] == [("samen", True)]
    same = runtime.check(instance, process(**A), {})
    assert same.can_move


def test_inside_a_standard_loop_a_changed_loop_is_blocked_and_an_unchanged_one_moves_on():
    instance = run_to(runtime.Engine().start(process(**A)), "herhaald")
    instance.complete(instance.ready_tasks()[0].id, {"rondes": 1})            # the second pass is open
    assert [t.element for t in instance.ready_tasks()] == ["herhaald"]
    changed = runtime.check(instance, process(**{**A, "loop": "rondes &lt; 5"}), {})
    assert [(b.element, "lus" in b.reason) for b in changed.blockers] == [("herhaald", True)]
    later = process(**{**A, "cardinality": "3"})                   # what changes later does not block
    assert runtime.check(instance, later, {}).can_move
    assert finish(moved(instance, later)).count("elk") == 3


def test_inside_a_sequential_multi_instance_a_changed_cardinality_is_blocked():
    instance = run_to(runtime.Engine().start(process(**A)), "elk")
    check = runtime.check(instance, process(**{**A, "cardinality": "3"}), {})
    assert [(b.element, "meervoudige taak" in b.reason) for b in check.blockers] == [("elk", True)]


def test_a_renamed_open_task_without_a_mapping_is_blocked_and_moves_with_one():
    instance = runtime.Engine().start(process(**A))
    text_a = NODES.format(**A).replace('id="eerst"', 'id="eerste_stap"').replace('targetRef="eerst"',
                                                                                 'targetRef="eerste_stap"')
    text_a = text_a.replace('sourceRef="eerst"', 'sourceRef="eerste_stap"')
    text = ('<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/'
            f'20100524/MODEL" id="d" targetNamespace="http://ekd.test"><bpmn:process id="proef" isExecutable="true">'
            f'{text_a}</bpmn:process></bpmn:definitions>')
    target = runtime.parse([runtime.Source("proef.bpmn", text.encode())]).process("proef")
    blocked = runtime.check(instance, target, {})
    assert [(b.element, "schrapt" in b.reason) for b in blocked.blockers] == [("eerst", True)]
    check = runtime.check(instance, target, {"eerst": "eerste_stap"})
    assert check.can_move and check.moves == {"eerst": "eerste_stap"}
    after = moved(instance, target, {"eerst": "eerste_stap"})
    assert [t.element for t in after.ready_tasks()] == ["eerste_stap"]
    assert finish(after)[0] == "eerste_stap"


def test_an_open_task_the_new_version_removes_is_blocked_and_named():
    instance = run_to(runtime.Engine().start(process(**A)), "rechts")
    without = NODES.format(**A).replace('<bpmn:outgoing>fb</bpmn:outgoing>', "").replace(
        '<bpmn:incoming>fb2</bpmn:incoming>', "")
    without = "\n".join(line for line in without.splitlines() if 'id="rechts"' not in line
                        and 'id="fb"' not in line and 'id="fb2"' not in line)
    text = ('<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/'
            f'20100524/MODEL" id="d" targetNamespace="http://ekd.test"><bpmn:process id="proef" isExecutable="true">'
            f'{without.replace("<bpmn:incoming>f2b</bpmn:incoming>", "<bpmn:incoming>f2</bpmn:incoming>")}'
            '</bpmn:process></bpmn:definitions>')
    target = runtime.parse([runtime.Source("proef.bpmn", text.encode())]).process("proef")
    check = runtime.check(instance, target, {})
    assert [(b.element, "schrapt" in b.reason) for b in check.blockers] == [("rechts", True)]
    assert "links" in [t.element for t in instance.ready_tasks()]          # the check changed nothing
