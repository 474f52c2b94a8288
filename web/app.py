"""The Flask application factory."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, CSRFProtect

from engine.access import Forbidden
from engine.errors import EkdError, TaskNotReady, UnknownTask
from engine.history.chain import Key
from engine.services import Services
from engine.services.errors import Conflict, NotFound
from engine.store import Database
from web.config import Config

csrf = CSRFProtect()

CONTENT_SECURITY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
                    "frame-ancestors 'none'")


def create_app(config: Config | None = None, services: Services | None = None) -> Flask:
    """Create the ekd web app over one database."""
    from web import api, auth, i18n, vendor
    from web.pages import adocument, coordinator, dossier, inbox, tasks

    config = config or Config.from_environment()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key, TESTING=config.testing,
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies, SESSION_COOKIE_NAME="ekd_sessie",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8), WTF_CSRF_TIME_LIMIT=8 * 3600,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024, BABEL_DEFAULT_LOCALE="nl",
    )
    app.extensions["ekd.config"] = config
    app.extensions["ekd.services"] = services or Services(Database(config.database_url),
                                                          audit_key=Key.of(config.audit_key))
    csrf.init_app(app)
    i18n.compile_catalogues()
    i18n.babel.init_app(app, locale_selector=i18n.select_locale,
                        default_translation_directories=str(i18n.TRANSLATIONS))
    for blueprint in (auth.bp, i18n.bp, inbox.bp, tasks.bp, dossier.bp, coordinator.bp, adocument.bp, vendor.bp):
        app.register_blueprint(blueprint)
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    _errors(app)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.after_request
    def secure(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.path != "/health" and not request.path.startswith(("/static/", "/vendor/")):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.context_processor
    def page_context():
        from flask_babel import get_locale
        return {"actor": auth.current_actor(), "languages": i18n.LANGUAGES, "locale": str(get_locale() or "nl")}

    return app


def _errors(app: Flask) -> None:
    from web.api import problem, wants_json

    def page(status: int, title: str, error: Exception):
        if wants_json():
            return problem(status, title, str(error))
        return render_template("error.html", status=status, title=title, message=str(error)), status

    app.register_error_handler(Forbidden, lambda e: page(403, _("Geen toegang"), e))
    app.register_error_handler(NotFound, lambda e: page(404, _("Niet gevonden"), e))
    app.register_error_handler(UnknownTask, lambda e: page(404, _("Niet gevonden"), e))
    app.register_error_handler(Conflict, lambda e: page(409, _("Dat kan nu niet"), e))
    app.register_error_handler(TaskNotReady, lambda e: page(409, _("Dat kan nu niet"), e))
    app.register_error_handler(CSRFError, lambda e: page(400, _("Formulier verlopen"),
                                                         Exception(_("Laad de pagina opnieuw en probeer nog eens."))))
    app.register_error_handler(EkdError, lambda e: page(400, _("Dat lukte niet"), e))
    app.register_error_handler(404, lambda e: page(404, _("Niet gevonden"),
                                                   Exception(_("Deze pagina bestaat niet."))))
    app.register_error_handler(405, lambda e: page(405, _("Niet toegestaan"),
                                                   Exception(_("Deze methode kan hier niet."))))


def services_of(app: Flask) -> Services:
    """The use cases the app runs on."""
    return app.extensions["ekd.services"]
