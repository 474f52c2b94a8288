"""Trajectories as an XES event log (IEEE 1849-2016) for process-mining tools: one trace per trajectory
named by its pseudonym, one event per task start and completion — activity, timestamp, lifecycle and
the role that did it (roles, never names). Nothing else of the trajectory goes in: no data, no people.

A task starts when it was taken (claimed), or — never claimed — when it became ready.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from engine.history.conformance import Conformance, Guide

VERSION = "1849.2016"
EXTENSIONS = (("Concept", "concept", "http://www.xes-standard.org/concept.xesext"),
              ("Time", "time", "http://www.xes-standard.org/time.xesext"),
              ("Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"),
              ("Organizational", "org", "http://www.xes-standard.org/org.xesext"))


@dataclass(frozen=True)
class Case:
    """One trajectory to export: its pseudonym, how it went and the guide of its version."""

    pseudonym: str
    conformance: Conformance
    guide: Guide


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _attribute(parent, kind: str, key: str, value: str) -> None:
    etree.SubElement(parent, kind, key=key, value=value)


def _in(moment: datetime, since: datetime | None, until: datetime | None) -> bool:
    return (since is None or moment >= since) and (until is None or moment < until)


def events(case: Case, since: datetime | None = None, until: datetime | None = None) -> list[dict[str, str]]:
    """The XES events of one case in time order (equal times: completions first), within [since, until)."""
    found = []
    for step in case.conformance.steps:
        activity = case.guide.name(step.element)
        for moment, transition in ((step.taken or step.ready, "start"), (step.done, "complete")):
            if _in(moment, since, until):
                found.append((moment, transition == "start", {
                    "concept:name": activity, "lifecycle:transition": transition, "org:role": step.role or "",
                    "time:timestamp": _stamp(moment), "element": step.element}))
    return [attributes for _moment, _start, attributes in sorted(found, key=lambda f: (f[0], f[1]))]


def document(cases: Iterable[Case], since: datetime | None = None, until: datetime | None = None) -> bytes:
    """The XES log of `cases` (UTF-8 XML)."""
    log = etree.Element("log", {"xes.version": VERSION})
    for name, prefix, uri in EXTENSIONS:
        etree.SubElement(log, "extension", name=name, prefix=prefix, uri=uri)
    trace_globals = etree.SubElement(log, "global", scope="trace")
    _attribute(trace_globals, "string", "concept:name", "onbekend")
    event_globals = etree.SubElement(log, "global", scope="event")
    for kind, key, value in (("string", "concept:name", "onbekend"), ("date", "time:timestamp", _stamp(datetime(
            1970, 1, 1, tzinfo=UTC))), ("string", "lifecycle:transition", "complete"), ("string", "org:role", "")):
        _attribute(event_globals, kind, key, value)
    etree.SubElement(log, "classifier", name="Activity", keys="concept:name")
    etree.SubElement(log, "classifier", name="ActivityLifecycle", keys="concept:name lifecycle:transition")
    _attribute(log, "string", "concept:name", "ekd: diagnostische trajecten")
    for case in cases:
        trace = etree.SubElement(log, "trace")
        _attribute(trace, "string", "concept:name", case.pseudonym)
        _attribute(trace, "string", "version", case.conformance.version)
        _attribute(trace, "string", "status", case.conformance.status)
        for attributes in events(case, since, until):
            event = etree.SubElement(trace, "event")
            for key, value in attributes.items():
                _attribute(event, "date" if key == "time:timestamp" else "string", key, value)
    return etree.tostring(log, xml_declaration=True, encoding="UTF-8", pretty_print=True)
