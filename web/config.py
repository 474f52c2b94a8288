"""Configuration, read once from the environment into a frozen dataclass."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Config:
    """Where ekd finds its guideline, forms and database."""

    processes_dir: Path
    forms_dir: Path

    @classmethod
    def from_environment(cls, environ=None) -> Config:
        """Read EKD_* variables, defaulting to the project's own folders."""
        environ = os.environ if environ is None else environ
        return cls(
            processes_dir=Path(environ.get("EKD_PROCESSES_DIR", PROJECT / "processes")),
            forms_dir=Path(environ.get("EKD_FORMS_DIR", PROJECT / "forms")),
        )
