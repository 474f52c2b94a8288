"""Trajectories as an XES event log (IEEE 1849-2016) for process-mining tools: one trace per trajectory
named by its pseudonym, one event per task start and completion — activity, timestamp, lifecycle and
the role that did it (roles, never names). Nothing else of the trajectory goes in: no data, no people.

A task starts when it was taken (claimed), or — never claimed — when it became ready.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import quoteattr

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


def _attribute(kind: str, key: str, value: str, indent: str) -> str:
    return f"{indent}<{kind} key={quoteattr(key)} value={quoteattr(value)}/>"


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
    """The XES log of the `cases` with events in [since, until) (UTF-8 XML)."""
    out = ["<?xml version='1.0' encoding='UTF-8'?>", f'<log xes.version="{VERSION}">']
    out += [f"  <extension name={quoteattr(name)} prefix={quoteattr(prefix)} uri={quoteattr(uri)}/>"
            for name, prefix, uri in EXTENSIONS]
    out += ['  <global scope="trace">', _attribute("string", "concept:name", "onbekend", "    "), "  </global>",
            '  <global scope="event">', _attribute("string", "concept:name", "onbekend", "    "),
            _attribute("date", "time:timestamp", _stamp(datetime(1970, 1, 1, tzinfo=UTC)), "    "),
            _attribute("string", "lifecycle:transition", "complete", "    "),
            _attribute("string", "org:role", "", "    "), "  </global>",
            '  <classifier name="Activity" keys="concept:name"/>',
            '  <classifier name="ActivityLifecycle" keys="concept:name lifecycle:transition"/>',
            _attribute("string", "concept:name", "ekd: diagnostische trajecten", "  ")]
    for case in cases:
        found = events(case, since, until)
        if not found:
            continue
        out += ["  <trace>", _attribute("string", "concept:name", case.pseudonym, "    "),
                _attribute("string", "version", case.conformance.version, "    "),
                _attribute("string", "status", case.conformance.status, "    ")]
        for attributes in found:
            out.append("    <event>")
            out += [_attribute("date" if key == "time:timestamp" else "string", key, value, "      ")
                    for key, value in attributes.items()]
            out.append("    </event>")
        out.append("  </trace>")
    out.append("</log>\n")
    return "\n".join(out).encode("utf-8")
