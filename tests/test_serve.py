"""`ekd init` then `ekd serve` (what `make run` does): gunicorn answers /health, / redirects to log-in,
the timer scheduler runs beside it and SIGTERM stops it cleanly."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT
from tests.gunicorn import free_port

EKD = str(Path(sys.executable).with_name("ekd"))


def test_init_twice_then_serve(tmp_path):
    env = {**os.environ, "EKD_INSTANCE_DIR": str(tmp_path), "EKD_DATABASE_URL": "", "EKD_TICK_SECONDS": "1"}
    for _ in range(2):
        init = subprocess.run([EKD, "init", "--demo-users"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=120)
        assert init.returncode == 0, init.stderr
    assert (tmp_path / "ekd.sqlite").exists() and (tmp_path / "secret_key").exists()
    port = free_port()
    server = subprocess.Popen([EKD, "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/health")
                response = connection.getresponse()
                break
            except OSError:
                assert time.monotonic() < deadline, "ekd serve did not answer"
                time.sleep(0.2)
        assert response.status == 200 and b'"ok"' in response.read()
        assert not (response.getheader("Server") or "").startswith("Werkzeug")    # no development server
        assert response.getheader("Server") == "gunicorn"
        connection.request("GET", "/")
        home = connection.getresponse()
        assert home.status == 302 and home.getheader("Location").endswith("/login")
        home.read()
        connection.request("GET", "/login")
        login = connection.getresponse()
        assert login.status == 200 and b'lang="nl-BE"' in login.read()
        time.sleep(1.5)                                     # a scheduler tick or two
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output.decode(errors="replace")
    log = output.decode(errors="replace")
    assert "Traceback" not in log and "timerplanner" in log
