"""`ekd serve`: the app under gunicorn (never Werkzeug's development server), with the timer
scheduler in every worker. Due timers are claimed atomically, so several schedulers are safe."""

from __future__ import annotations

import atexit
import gc
import json
import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from web.app import services_of
from web.scheduling import start_scheduler


class Gunicorn(BaseApplication):
    """gunicorn serving one Flask app built by the caller (no command line of its own)."""

    def __init__(self, app: Flask, options: dict[str, Any]):
        self._app = app
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self._app


# The garbage collector's youngest generation fills after this many new container objects. One task
# completion makes tens of thousands (the workflow's task tree), so at the default of 700 the
# collector ran dozens of times per request and its full passes walked every object of the process.
YOUNG_THRESHOLD = 20_000


def settle() -> None:
    """Once the app is built: move everything made so far (modules, parsed guidelines, the app) out of
    the collector's reach for good, so its passes only walk what requests make, and let it run less
    often. `ekd serve` builds the app before gunicorn forks (the workers then share those pages
    unwritten); under plain gunicorn each worker builds and settles its own (web/wsgi.py)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def report_at_exit(app: Flask, folder: str) -> None:
    """When this process ends, write what it counted (changes, those done again, workflows held and
    used) to `folder`/<pid>.json."""
    from engine.services import changes

    def report() -> None:
        held = services_of(app).library.held
        Path(folder, f"{os.getpid()}.json").write_text(json.dumps({
            "changes": changes.TALLY.changes, "done_again": changes.TALLY.again,
            "held_used": held.hits, "held_missed": held.misses}))
    atexit.register(report)


def serve(app: Flask, host: str, port: int, workers: int = 2, threads: int = 4) -> None:
    """Serve until SIGTERM or Ctrl-C: `workers` processes of `threads` threads each."""

    def post_fork(_server, _worker) -> None:
        # Connections opened before the fork belong to the master: let the worker open its own.
        services_of(app).database.engine.dispose(close=False)

    def post_worker_init(worker) -> None:
        start_scheduler(app)
        worker.log.info("timerplanner gestart (worker %s, elke %ss)", worker.pid,
                        app.extensions["ekd.config"].tick_seconds)

    def worker_exit(_server, _worker) -> None:
        stop = app.extensions.get("ekd.scheduler_stop")
        if stop is not None:
            stop.set()

    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s")
    settle()
    Gunicorn(app, {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers, "threads": threads, "worker_class": "gthread",
        "timeout": 120, "graceful_timeout": 20, "proc_name": "ekd",
        "control_socket_disable": True,     # one ekd per machine is not a given: no shared control socket
        "post_fork": post_fork, "post_worker_init": post_worker_init, "worker_exit": worker_exit,
    }).run()
