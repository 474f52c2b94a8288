"""The timer scheduler thread that `ekd serve` runs beside the web server."""

from __future__ import annotations

import logging
import threading

from flask import Flask

from web.app import services_of

log = logging.getLogger(__name__)


def start_scheduler(app: Flask) -> threading.Thread:
    """Fire due timers every EKD_TICK_SECONDS, in a daemon thread."""
    config = app.extensions["ekd.config"]
    services = services_of(app)
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(config.tick_seconds):
            try:
                fired = services.scheduler.tick()
                if fired:
                    log.info("%d timer(s) fired", fired)
            except Exception:  # keep the scheduler alive; the next tick tries again
                log.exception("scheduler tick failed")

    thread = threading.Thread(target=loop, name="ekd-scheduler", daemon=True)
    thread.start()
    app.extensions["ekd.scheduler_stop"] = stop
    return thread
