"""Keep a workflow's state flat: drop finished tasks that nothing can look at again.

Everything that can still happen lies below the deepest common ancestor of the unfinished
tasks: the engine only looks down from them, plus one level up (a task takes data from its
parent). So ekd keeps the root, that ancestor's parent and that ancestor's subtree; the rest
of history lives in ekd's event log. This also clears the cancelled join instances of earlier
loop rounds, which make SpiffWorkflow's joins inside loops fire early.
"""

from __future__ import annotations

from SpiffWorkflow.specs.Join import Join
from SpiffWorkflow.util.task import TaskState

# Prune during engine steps once a workflow holds this many tasks (long automatic loops).
PRUNE_AT = 200


def prune(top) -> None:
    """Prune the top workflow and every subprocess, then drop what hangs on removed tasks."""
    for workflow in [top, *top.subprocesses.values()]:
        _prune_tree(workflow)
    _drop_orphan_subprocesses(top)
    manager = top.event_manager
    for task_id, task in list(manager.tasks.items()):
        if task.workflow.tasks.get(task_id) is not task or not task.has_state(TaskState.WAITING):
            del manager.tasks[task_id]


def needs_pruning(task) -> bool:
    """Whether to prune right after `task` ran inside the engine's steps."""
    return isinstance(task.task_spec, Join) or len(task.workflow.tasks) > PRUNE_AT


def _prune_tree(workflow) -> None:
    tasks = workflow.tasks
    root = workflow.task_tree
    anchors = [t for t in tasks.values() if t.has_state(TaskState.NOT_FINISHED_MASK)]
    if workflow.last_task is not None and tasks.get(workflow.last_task.id) is workflow.last_task:
        anchors.append(workflow.last_task)
    if not anchors:
        return
    ancestor = _deepest_common_ancestor(anchors)
    above = ancestor.parent
    if above is None or above is root or above.parent is root:
        return
    keep = {root.id, above.id}
    stack = [ancestor.id]
    while stack:
        task_id = stack.pop()
        keep.add(task_id)
        stack.extend(tasks[task_id]._children)
    for task_id in [task_id for task_id in tasks if task_id not in keep]:
        del tasks[task_id]
    root._children = [above.id]
    above._parent = root.id
    above._children = [ancestor.id]


def _deepest_common_ancestor(anchors):
    chain = []
    task = anchors[0]
    while task is not None:
        chain.append(task)
        task = task.parent
    chain.reverse()                      # root first
    position = {t.id: i for i, t in enumerate(chain)}
    deepest = len(chain) - 1
    for anchor in anchors[1:]:
        task = anchor
        while task.id not in position:
            task = task.parent
        deepest = min(deepest, position[task.id])
    return chain[deepest]


def _drop_orphan_subprocesses(top) -> None:
    while True:
        alive = set(top.tasks)
        for subprocess in top.subprocesses.values():
            alive.update(subprocess.tasks)
        orphans = [task_id for task_id in top.subprocesses if task_id not in alive]
        if not orphans:
            return
        for task_id in orphans:
            del top.subprocesses[task_id]
