"""ekd under gunicorn on a free port, in its own process group (so it can be killed whole):
used by the reliability tests and the throughput benchmark."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn (`workers` processes × `threads` threads) on a free port, as its own process group."""

    def __init__(self, database_url: str, instance: Path, workers: int = 2, threads: int = 8,
                 env: dict[str, str] | None = None):
        self.port = free_port()
        env = {**os.environ, "EKD_DATABASE_URL": database_url, "EKD_INSTANCE_DIR": str(instance),
               "EKD_SECRET_KEY": "betrouwbaarheid", **(env or {})}
        self.process = subprocess.Popen(
            [GUNICORN, "-w", str(workers), "--threads", str(threads), "-b", f"127.0.0.1:{self.port}",
             "--timeout", "120", "--log-level", "warning", "web.wsgi:app"],
            cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
            stderr=open(instance / "gunicorn.log", "ab"))
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.call("GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start: {(instance / 'gunicorn.log').read_text()[-2000:]}")
            time.sleep(0.2)

    def call(self, method: str, path: str, body=None, headers=None, timeout: float = 60):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=json.dumps(body) if body is not None else None,
                               headers={"Content-Type": "application/json", **(headers or {})})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def token(self, username: str, password: str) -> dict:
        status, body = self.call("POST", "/api/v1/auth/token", {"username": username, "password": password})
        assert status == 200, body
        return {"Authorization": f"Bearer {json.loads(body)['token']}"}

    def kill(self) -> None:
        """SIGKILL the master and every worker: no clean shutdown, as in a crash."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
