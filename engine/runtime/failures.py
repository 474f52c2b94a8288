"""Translate SpiffWorkflow's exceptions into ekd's errors, naming the element."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.exceptions import SpiffWorkflowException, WorkflowException

from engine.errors import EkdError, ScriptError, WorkflowError
from engine.runtime.naming import original_id

log = logging.getLogger(__name__)


def _script_error(error: BaseException) -> ScriptError | None:
    seen = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ScriptError):
            return current
        current = getattr(current, "exception", None) or current.__cause__ or current.__context__
    return None


def _element(error: BaseException) -> str | None:
    task = getattr(error, "task", None)
    spec = getattr(error, "task_spec", None) or (task.task_spec if task is not None else None)
    bpmn_id = getattr(spec, "bpmn_id", None) or getattr(spec, "name", None)
    return original_id(bpmn_id) if bpmn_id else None


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """Re-raise SpiffWorkflow errors as ekd errors that say which element failed and why."""
    try:
        yield
    except EkdError:
        raise
    except (WorkflowTaskException, WorkflowException, SpiffWorkflowException) as error:
        script = _script_error(error)
        element = _element(error)
        if script is not None:
            raise (script.at(element) if element else script) from None
        message = str(error.args[0]) if error.args else str(error)
        raise WorkflowError(message, element=element) from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        script = _script_error(error)
        if script is not None:
            raise script from None
        log.exception("unexpected error inside the workflow engine")
        raise WorkflowError(f"{type(error).__name__}: {error}") from None
