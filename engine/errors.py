"""Domain errors of the engine; the web layer maps them to HTTP statuses."""

from __future__ import annotations


class EkdError(Exception):
    """Base of every error ekd reports to a person."""


def located(message: str, file: str | None = None, element: str | None = None,
            line: int | None = None) -> str:
    """Render one line: where (file:line, element), then what."""
    where = []
    if file:
        where.append(file + (f":{line}" if line else ""))
    if element:
        where.append(f"element '{element}'")
    return (", ".join(where) + ": " if where else "") + message


class GuidelineError(EkdError):
    """A guideline (BPMN, DMN or form) cannot be loaded or run."""

    def __init__(self, message: str, *, file: str | None = None, element: str | None = None,
                 line: int | None = None):
        self.message = message
        self.file = file
        self.element = element
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        """Render one line: where, then what."""
        return located(self.message, self.file, self.element, self.line)


class UnsafeXml(GuidelineError):
    """An XML document uses DTDs, entities or other constructs ekd refuses."""


class ScriptError(EkdError):
    """A script, condition or expression of a guideline failed or was refused."""

    kind = "scriptfout"

    def __init__(self, reason: str, *, line: int | None = None, element: str | None = None,
                 source: str | None = None):
        self.reason = reason
        self.line = line
        self.element = element
        self.source = source
        super().__init__(self.describe())

    def at(self, element: str) -> ScriptError:
        """Name the BPMN/DMN element the script belongs to (first one wins)."""
        if self.element is None:
            self.element = element
            self.args = (self.describe(),)
        return self

    def describe(self) -> str:
        """Render one line naming the element, the line and the cause."""
        where = f"element '{self.element}'" if self.element else "script"
        if self.line:
            where += f", regel {self.line}"
        return f"{where}: {self.kind}: {self.reason}"

    def __str__(self) -> str:
        return self.describe()


class ScriptRejected(ScriptError, SyntaxError):
    """The script breaks the sandbox rules or is not valid Python (found before it runs)."""

    kind = "geweigerd"

    def __init__(self, reason: str, *, line: int | None = None, element: str | None = None,
                 source: str | None = None):
        ScriptError.__init__(self, reason, line=line, element=element, source=source)
        # SpiffWorkflow's DMN engine and error reporting read these SyntaxError fields.
        self.lineno = line or 1
        self.msg = reason
        self.offset = None
        self.text = None
        self.filename = "<script>"


class ScriptViolation(ScriptError):
    """The script tried something the sandbox forbids while it ran."""

    kind = "sandboxschending"


class ScriptLimitExceeded(ScriptError):
    """The script ran past its time limit or asked for too much memory."""

    kind = "limiet overschreden"


class ScriptFailed(ScriptError):
    """The script raised an ordinary Python error."""

    kind = "fout in script"


class WorkflowError(EkdError):
    """The engine could not run a step of the guideline."""

    def __init__(self, message: str, *, element: str | None = None):
        self.message = message
        self.element = element
        super().__init__(f"element '{element}': {message}" if element else message)


class UnknownTask(EkdError):
    """No task with that id exists (any more) in this trajectory."""

    def __init__(self, task_id: str):
        self.task_id = task_id
        super().__init__(f"taak '{task_id}' bestaat niet (meer)")


class TaskNotReady(EkdError):
    """The task exists but cannot be completed now."""

    def __init__(self, task_id: str, state: str):
        self.task_id = task_id
        self.state = state
        super().__init__(f"taak '{task_id}' kan nu niet afgerond worden (toestand: {state})")
