"""Parse BPMN and DMN files with SpiffBpmnParser, from hardened XML, into Definitions."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser

from engine import xmlsafe
from engine.errors import GuidelineError
from engine.runtime.definition import Definition
from engine.runtime.naming import RESERVED, SUFFIX, original_id

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DMN_NAMESPACES = ("https://www.omg.org/spec/DMN/20191111/MODEL/",
                  "http://www.omg.org/spec/DMN/20180521/MODEL/",
                  "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
                  "https://www.omg.org/spec/DMN/20230324/MODEL/")
_REFERENCE_TAGS = {"incoming", "outgoing", "flowNodeRef", "sourceRef", "targetRef"}


@dataclass(frozen=True)
class Source:
    """One BPMN or DMN file's name and bytes."""

    name: str
    data: bytes


class Definitions:
    """The processes a set of BPMN/DMN files defines; each parsed once, then shared."""

    def __init__(self, parser: SpiffBpmnParser, trees: dict[str, etree._Element]):
        self._parser = parser
        self._trees = trees
        self._parsed: dict[str, Definition] = {}
        # SpiffWorkflow builds a spec lazily on first use and not thread-safely: two threads asking
        # at once can get a half-built spec. One at a time.
        self._lock = threading.Lock()

    def process_ids(self) -> list[str]:
        """Return the ids of the executable processes."""
        return list(self._parser.get_process_ids())

    def process(self, process_id: str) -> Definition:
        """Return the parsed process `process_id` with everything it calls."""
        with self._lock:
            return self._process(process_id)

    def _process(self, process_id: str) -> Definition:
        if process_id not in self._parsed:
            if process_id not in self._parser.process_parsers:
                known = ", ".join(sorted(self.process_ids())) or "geen"
                raise GuidelineError(f"onbekend proces '{process_id}' (gekend: {known})")
            try:
                spec = self._parser.get_spec(process_id)
                subprocesses = self._parser.get_subprocess_specs(process_id)
            except ValidationException as error:
                raise self._located(error) from None
            except SpiffWorkflowException as error:
                raise GuidelineError(str(error)) from None
            missing = sorted(name for name, sub in subprocesses.items() if sub is None)
            if missing:
                raise GuidelineError(f"proces '{process_id}' roept onbekend proces aan: {', '.join(missing)}")
            self._parsed[process_id] = Definition(spec, subprocesses)
        return self._parsed[process_id]

    def _located(self, error: ValidationException) -> GuidelineError:
        element = original_id(error.id) if getattr(error, "id", "") else None
        line = error.line_number if isinstance(error.line_number, int) else None
        tree = self._trees.get(error.file_name)
        if line is None and tree is not None and error.id:
            found = tree.xpath("//*[@id=$id]", id=error.id)
            line = found[0].sourceline if found else None
        message = str(error.args[0]) if error.args else str(error)
        return GuidelineError(message, file=error.file_name or None, element=element, line=line)


def parse(sources: Iterable[Source], *, check_schema: bool = True) -> Definitions:
    """Parse BPMN and DMN sources; raise GuidelineError naming file, line and element."""
    parser = SpiffBpmnParser(validator=VALIDATOR if check_schema else None)
    trees: dict[str, etree._Element] = {}
    for source in sources:
        root = xmlsafe.parse(source.data, source.name)
        trees[source.name] = root
        namespace = etree.QName(root).namespace
        try:
            if namespace == BPMN_NS:
                _rename_reserved(root, source.name)
                parser.add_bpmn_xml(root, filename=source.name)
            elif namespace in DMN_NAMESPACES:
                parser.add_dmn_xml(root, filename=source.name)
            else:
                raise GuidelineError(f"geen BPMN- of DMN-document (namespace '{namespace}')",
                                     file=source.name)
        except ValidationException as error:
            raise Definitions(parser, trees)._located(error) from None
        except SpiffWorkflowException as error:
            raise GuidelineError(str(error), file=source.name) from None
    return Definitions(parser, trees)


def _rename_reserved(root: etree._Element, source: str) -> None:
    """Give elements called Start, End or Root another id: Spiff uses those names itself."""
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    renames = {}
    for reserved in RESERVED & ids:
        if reserved + SUFFIX in ids:
            raise GuidelineError(f"de ids '{reserved}' en '{reserved + SUFFIX}' kunnen niet samen",
                                 file=source, element=reserved)
        renames[reserved] = reserved + SUFFIX
    if not renames:
        return
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in element.attrib.items():
            if attribute != "name" and value in renames:
                element.set(attribute, renames[value])
        if etree.QName(element).localname in _REFERENCE_TAGS and element.text in renames:
            element.text = renames[element.text]
