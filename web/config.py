"""Configuration, read once from the environment into a frozen dataclass."""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Config:
    """Where ekd finds its guideline, forms and database, and how it runs."""

    processes_dir: Path
    forms_dir: Path
    instance_dir: Path
    database_url: str
    secret_key: str
    tick_seconds: float
    secure_cookies: bool = True
    testing: bool = False
    idle_minutes: int = 30               # a page session ends after this long without a request
    # The key of the audit chains (EKD_AUDIT_KEY). Kept apart from the database and its backups:
    # generated into the instance folder when unset.
    audit_key: str = ""
    # Invitations of the family go by e-mail when an SMTP server is configured (EKD_SMTP_HOST, _PORT,
    # _FROM, EKD_SMTP_STARTTLS=1); otherwise the coordinator prints or hands over the code.
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = ""
    smtp_starttls: bool = False

    def __post_init__(self) -> None:
        if not self.audit_key.strip():
            object.__setattr__(self, "audit_key", _instance_secret(self.instance_dir, "audit_key"))

    @classmethod
    def from_environment(cls, environ=None) -> Config:
        """Read EKD_* variables, defaulting to the project's own folders and an SQLite file."""
        environ = os.environ if environ is None else environ
        instance = Path(environ.get("EKD_INSTANCE_DIR", PROJECT / "instance"))
        return cls(
            processes_dir=Path(environ.get("EKD_PROCESSES_DIR", PROJECT / "processes")),
            forms_dir=Path(environ.get("EKD_FORMS_DIR", PROJECT / "forms")),
            instance_dir=instance,
            database_url=environ.get("EKD_DATABASE_URL") or f"sqlite:///{instance / 'ekd.sqlite'}",
            secret_key=environ.get("EKD_SECRET_KEY") or _instance_secret(instance, "secret_key"),
            audit_key=environ.get("EKD_AUDIT_KEY", ""),
            tick_seconds=float(environ.get("EKD_TICK_SECONDS", "30")),
            # Browsers send Secure cookies to http://127.0.0.1 and localhost too; turn off only
            # behind a plain-HTTP proxy on another host (never in production).
            secure_cookies=environ.get("EKD_SECURE_COOKIES", "1") != "0",
            idle_minutes=int(environ.get("EKD_IDLE_MINUTES", "30")),
            smtp_host=environ.get("EKD_SMTP_HOST", ""), smtp_port=int(environ.get("EKD_SMTP_PORT", "25")),
            smtp_from=environ.get("EKD_SMTP_FROM", ""), smtp_starttls=environ.get("EKD_SMTP_STARTTLS") == "1",
        )


def _instance_secret(instance: Path, name: str) -> str:
    """A secret kept in the instance folder (readable by its owner only), generated on first use."""
    path = instance / name
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        try:
            with open(path, "x", opener=lambda file, flags: os.open(file, flags, 0o600)) as out:
                out.write(secrets.token_hex(32))
        except FileExistsError:
            pass                      # another process made it first: use theirs
    for _ in range(50):               # (once it has written it)
        text = path.read_text().strip()
        if text:
            return text
        time.sleep(0.01)
    raise RuntimeError(f"{path} is leeg")
