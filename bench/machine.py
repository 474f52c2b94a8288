"""Describe the machine a benchmark ran on."""

from __future__ import annotations

import os
import platform
import statistics
from datetime import date


def describe() -> dict:
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"date": date.today().isoformat(), "cores": os.cpu_count(), "cpu": model,
            "python": platform.python_version(), "system": platform.platform()}


def summary(samples: list[float]) -> dict:
    """Median and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median_ms": round(statistics.median(ordered) * 1000, 3), "p95_ms": round(p95 * 1000, 3),
            "runs": len(ordered)}
