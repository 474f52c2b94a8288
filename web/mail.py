"""Sending a family invitation by e-mail, when an SMTP server is configured (web/config.py).

The message carries the one-time link and the short code, in plain Dutch; the address is used for
this one message and never stored. Without SMTP, or when sending fails, the coordinator's page shows
the code to print or hand over, as always."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from web.config import Config

SUBJECT = "Uitnodiging: volg het traject van {child}"
BODY = """Dag {name},

Je bent uitgenodigd om het diagnostisch traject van {child} te volgen in ekd.

Open deze link en kies een gebruikersnaam en een wachtwoord:
{link}

Of surf naar {enter} en typ deze code: {code}

De uitnodiging werkt één keer, tot {until}.
"""


def configured(config: Config) -> bool:
    return bool(config.smtp_host and config.smtp_from)


def address(value: str) -> str | None:
    """A plausible e-mail address (one line, one @), or None."""
    value = (value or "").strip()
    if not value or len(value) > 254 or any(c in value for c in "\r\n<>,; ") or value.count("@") != 1:
        return None
    local, domain = value.split("@")
    return value if local and "." in domain else None


def send_invitation(config: Config, to: str, *, name: str, child: str, link: str, enter: str, code: str,
                    until: str) -> bool:
    """Send the invitation; False when it could not be sent (the page shows the code instead)."""
    message = EmailMessage()
    message["From"] = config.smtp_from
    message["To"] = to
    message["Subject"] = SUBJECT.format(child=child)
    message.set_content(BODY.format(name=name, child=child, link=link, enter=enter, code=code, until=until))
    try:
        with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=10) as server:
            if config.smtp_starttls:
                server.starttls()
            server.send_message(message)
    except (OSError, smtplib.SMTPException):
        return False
    return True


def deliver(config: Config, issued, email: str, link: str, enter: str) -> bool:
    """Send a new invitation to `email` when SMTP is configured and the address is plausible."""
    to = address(email)
    if to is None or not configured(config):
        return False
    return send_invitation(config, to, name=issued.name, child=issued.child, link=link, enter=enter,
                           code=issued.code, until=issued.expires_at.date().strftime("%d/%m/%Y"))
