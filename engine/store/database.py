"""Connections: SQLite (a file, WAL, writers one at a time) or PostgreSQL (row locks)."""

from __future__ import annotations

import fcntl
import os
import threading

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

WRITE = "ekd_write"


class Database:
    """The database behind ekd, and sessions that know whether they will write."""

    def __init__(self, url: str, echo: bool = False):
        self.url = url
        self.sqlite = url.startswith("sqlite")
        if self.sqlite:
            self.engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 60})
            _sqlite_setup(self.engine)
        else:
            self.engine = create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=20)
        self._reads = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writes = sessionmaker(bind=self.engine.execution_options(**{WRITE: True}),
                                    expire_on_commit=False)
        self.writers = WriterQueue(self.engine.url.database) if self.sqlite else None

    def session(self, write: bool) -> Session:
        """Open a session; a writing one takes SQLite's write lock at its first statement."""
        return (self._writes if write else self._reads)()

    def dispose(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()


class WriterQueue:
    """SQLite lets one writer in at a time and makes the others poll with growing sleeps
    (busy_timeout): under load some waited over a second. Writers queue here instead — threads
    on a lock, processes on an flock of `<database>.writers` — and go in the moment it is free.
    SQLite's own lock stays the guarantee; this only makes the waiting fair and prompt."""

    def __init__(self, database: str | None):
        self._path = f"{database}.writers" if database and database != ":memory:" else None
        self._threads = threading.RLock()
        self._depth = 0
        self._file = None
        self._pid = 0

    def acquire(self) -> None:
        self._threads.acquire()
        try:
            if self._depth == 0 and self._path:
                if self._pid != os.getpid():          # a file opened before a fork is shared: reopen
                    self._file, self._pid = open(self._path, "ab"), os.getpid()
                fcntl.flock(self._file, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise
        self._depth += 1

    def release(self) -> None:
        try:
            self._depth -= 1
            if self._depth == 0 and self._path:
                fcntl.flock(self._file, fcntl.LOCK_UN)
        finally:
            self._threads.release()


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(connection, _record):
        connection.isolation_level = None          # ekd issues BEGIN itself, below
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")    # a commit is on disk before the answer (power loss too)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A writer takes the write lock up front, so two writers queue instead of
        # deadlocking on a lock upgrade; readers never block (WAL).
        write = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
