"""A private PostgreSQL cluster: initdb and pg_ctl as the postgres user (initdb refuses root), a
socket in /tmp, one fresh database per test. The tests run it with fsync off (they test logic and
crashes of ekd, not of the disk); the throughput benchmark runs its own, durable one."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import uuid
from pathlib import Path

import psycopg

ROOT = Path("/tmp") / f"ekd-postgres-{os.getuid()}"


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise RuntimeError("PostgreSQL is not installed (make test installs Debian's postgresql)")
    return found[-1]


def _as_postgres(*command: str) -> subprocess.CompletedProcess:
    prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    return subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """Starts (or reuses) the cluster in `root`; hands out empty databases."""

    def __init__(self, root: Path = ROOT, durable: bool = False):
        self.root, self.sockets = root, root / "sockets"
        port_file = root / "port"
        if port_file.exists() and self._alive(int(port_file.read_text())):
            self.port = int(port_file.read_text())
            return
        shutil.rmtree(root, ignore_errors=True)
        self.sockets.mkdir(parents=True)
        if os.getuid() == 0:
            shutil.chown(root, "postgres")
            shutil.chown(self.sockets, "postgres")
        result = _as_postgres(_binary("initdb"), "-D", str(root / "data"), "-A", "trust", "-U", "postgres",
                              "-E", "UTF8", "--no-instructions")
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed: {result.stderr}")
        self.port = _free_port()
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses='' -c max_connections=200"
        options += "" if durable else " -c fsync=off"
        result = _as_postgres(_binary("pg_ctl"), "-D", str(root / "data"), "-o", options, "-l", str(root / "log"),
                              "-w", "start")
        if result.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed: {result.stderr} {(root / 'log').read_text()}")
        port_file.write_text(str(self.port))

    def stop(self) -> None:
        _as_postgres(_binary("pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")

    def _alive(self, port: int) -> bool:
        try:
            psycopg.connect(host=str(self.sockets), port=port, user="postgres", dbname="postgres",
                            connect_timeout=2).close()
            return True
        except psycopg.Error:
            return False

    def _admin(self):
        return psycopg.connect(host=str(self.sockets), port=self.port, user="postgres", dbname="postgres",
                               autocommit=True)

    def create(self) -> str:
        name = f"ekd_{uuid.uuid4().hex[:12]}"
        with self._admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop(self, name: str) -> None:
        with self._admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://postgres@/{name}?host={self.sockets}&port={self.port}"
