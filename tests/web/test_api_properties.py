"""Property-based runs over /api/v1/openapi.json with Schemathesis: no 5xx, and answers as documented.

Schemathesis generates requests for every documented operation, valid ones and invalid ones
(wrong types, missing fields, odd strings), sent with a valid bearer token of a coordinator who
is on trajectories with ready tasks. Two runs, each bounded by a number of examples per operation:

- in-process over WSGI, where path parameters and the start body are sometimes real ids (so
  requests reach the engine, not only the 404 branch) and an escaping exception shows its cause;
- the `schemathesis run` command against the app on a local port: all its phases (coverage,
  fuzzing, stateful sequences that feed ids from one answer into the next request) and the
  checks that the answers match the document's status codes, content types and schemas.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import date
from xml.etree import ElementTree

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core import NOT_SET
from werkzeug.serving import make_server

from tests.store.helpers import make_child, start_with_team
from tests.web.conftest import run_as_coordinator
from tests.web.test_api import token

EXAMPLES = 20      # per operation (and mode): each run takes 15 to 30 seconds on two cores
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@pytest.fixture
def known(services, everyone):
    """Real ids: a trajectory waiting at registration, one at the investigations (with `everyone`, a
    coordinator holding every lane role, on both teams) and a child without a trajectory."""
    waiting = start_with_team(services, make_child(services, everyone), everyone)
    investigating = start_with_team(services, services.children.register(
        "14012012392", "Ruben", "Claes", date(2014, 1, 20), everyone), everyone)
    run_as_coordinator(services, investigating, everyone)
    free = services.children.register("15030512392", "Mila", "Claes", date(2015, 3, 5), everyone)
    tasks = [t.id for trajectory in (waiting, investigating) for t in services.trajectories.view(trajectory).ready]
    assert len(tasks) >= 2
    return {"task_id": tasks, "trajectory_id": [waiting, investigating], "child_id": [free],
            "person_id": [everyone.id]}


@pytest.fixture
def api(app, known):
    """The OpenAPI document as the app serves it, with generation steered towards real ids.

    Driven with `as_strategy` and `@given` rather than `schemathesis.pytest.from_fixture`: that one
    sets `Function._nodeid`, which pytest 9.2 no longer has (Schemathesis 4.32.5)."""
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

    @loaded.hook
    def before_generate_path_parameters(context, strategy):
        names = [p.name for p in context.operation.path_parameters if p.name in known]
        real = st.fixed_dictionaries({name: st.sampled_from(known[name]) for name in names})
        # Real ids where known, generated values for the other parameters of the path (a step's number, …).
        steered = st.tuples(strategy, real).map(lambda pair: {**getattr(pair[0], "value", pair[0]), **pair[1]})
        return st.one_of(strategy, steered) if names else strategy

    @loaded.hook
    def before_generate_body(context, strategy):
        if context.operation.path == "/api/v1/trajectories":
            return st.one_of(strategy, st.fixed_dictionaries({"child_id": st.sampled_from(known["child_id"])}))
        return strategy

    return loaded


def describe(case) -> str:
    parts = [f"{case.method.upper()} {case.formatted_path}"]
    if case.query:
        parts.append(f"query={json.dumps(case.query, ensure_ascii=True)[:300]}")
    if case.body is not None and case.body is not NOT_SET:
        parts.append(f"body={json.dumps(case.body, ensure_ascii=True, default=repr)[:300]}")
    return " ".join(parts)


def server_errors(operation, mode: GenerationMode, headers) -> dict[str, str]:
    """What made `operation` fail on the server (an escaped exception or a 5xx), one example each.
    `headers` gives the headers of each request (log-out revokes its token: it gets a fresh one)."""
    found: dict[str, str] = {}

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        try:
            response = case.call(headers=headers())
        except Exception as error:      # TESTING propagates exceptions: in production a 500
            found.setdefault(f"{type(error).__name__}: {str(error)[:160]}", describe(case))
            return
        if response.status_code >= 500:
            found.setdefault(f"{response.status_code} {response.text[:160]}", describe(case))

    run()
    return found


def test_no_operation_answers_with_a_server_error(app, api):
    kept = token(app, "alleskunner")
    failures = []
    operations = [result.ok() for result in api.get_all_operations()]   # ok() raises on a broken definition
    assert len(operations) >= 9        # the document's own endpoint is left out by Schemathesis
    for operation in operations:
        for mode in MODES:
            headers = (lambda: token(app, "alleskunner")) if operation.path == LOG_OUT else (lambda: kept)
            for cause, example in server_errors(operation, mode, headers).items():
                failures.append(f"{operation.label} ({mode.value}): {cause}\n    e.g. {example}")
    assert not failures, "server errors:\n" + "\n".join(failures)


# Checks left out, each for a known reason:
# - positive_data_acceptance: a task's body schema is its form's, which the document cannot state per
#   task (it says "object"), so `{}` is schema-valid and rightly refused with 422.
EXCLUDED_CHECKS = "positive_data_acceptance"
LOG_OUT = "/api/v1/auth/logout"     # it revokes the run's token: the in-process run tests it with fresh ones


@pytest.fixture
def served(app):
    """The app on a free local port, for the command line."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_a_full_schemathesis_run_finds_nothing(app, known, served, tmp_path):
    command = [sys.executable, "-m", "schemathesis.cli", "run", f"{served}/api/v1/openapi.json",
               "--header", f"Authorization: {token(app, 'alleskunner')['Authorization']}",
               "--max-examples", str(EXAMPLES), "--workers", "1", "--checks", "all",
               "--exclude-checks", EXCLUDED_CHECKS, "--exclude-path", LOG_OUT,
               "--report", "junit", "--report-dir", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=110, cwd=tmp_path,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout[-12000:] + done.stderr[-3000:]
    report = ElementTree.parse(next(tmp_path.glob("junit*.xml"))).getroot()
    tested = {case.get("name") for case in report.iter("testcase")}
    documented = {f"{method.upper()} {path}" for path, item in app.test_client().get("/api/v1/openapi.json")
                  .json["paths"].items() for method in item if path not in ("/api/v1/openapi.json", LOG_OUT)}
    assert documented <= tested and "Stateful tests" in tested
    assert report.get("skipped") == "0"
