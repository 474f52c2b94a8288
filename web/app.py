"""The Flask application factory."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, Response, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from engine.access import FAMILY_ONLY, Forbidden, is_family, works_with_clients
from engine.errors import EkdError, TaskNotReady, UnknownTask
from engine.forms import FormInvalid
from engine.history.chain import Key
from engine.insz import InvalidInsz
from engine.services import Services
from engine.services.care.teams import InvalidTeam
from engine.services.errors import Conflict, DuplicateChild, NotFound, TaskDone
from engine.services.people import InvalidPerson
from engine.store import Database
from engine.text import InvalidInput
from web.config import Config

csrf = CSRFProtect()
MAX_UPLOAD_MB = 2

CONTENT_SECURITY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
                    "frame-ancestors 'none'")


def create_app(config: Config | None = None, services: Services | None = None) -> Flask:
    """Create the ekd web app over one database."""
    from web import api, auth, i18n, inputs, values, vendor
    from web.pages import adocument, audit, coordinator, dossier, family, inbox, people, quality, steps, tasks

    config = config or Config.from_environment()
    app = Flask(__name__)
    app.request_class = inputs.Request
    app.config.update(
        SECRET_KEY=config.secret_key, TESTING=config.testing,
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies, SESSION_COOKIE_NAME="ekd_sessie",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8), WTF_CSRF_TIME_LIMIT=8 * 3600,
        MAX_CONTENT_LENGTH=MAX_UPLOAD_MB * 1024 * 1024, BABEL_DEFAULT_LOCALE="nl",
    )
    app.extensions["ekd.config"] = config
    app.extensions["ekd.services"] = services or Services(Database(config.database_url),
                                                          audit_key=Key.of(config.audit_key))
    csrf.init_app(app)
    i18n.compile_catalogues()
    i18n.babel.init_app(app, locale_selector=i18n.select_locale,
                        default_translation_directories=str(i18n.TRANSLATIONS))
    for blueprint in (auth.bp, i18n.bp, inbox.bp, audit.bp, people.bp, tasks.bp, steps.bp, dossier.bp,
                      coordinator.bp, adocument.bp, quality.bp, vendor.bp, family.bp):
        app.register_blueprint(blueprint)
    from web.pages.audit import research
    app.register_blueprint(research.bp)
    values.init_app(app)
    csrf.exempt(api.bp)
    app.register_blueprint(api.bp)
    _errors(app)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.before_request
    def family_sees_only_their_own():
        """A family member's session opens their own pages only: every professional page refuses them
        (the API does the same for tokens, web/api/__init__.py)."""
        endpoint = request.endpoint or ""
        if endpoint.startswith(("api.", "family.")) or endpoint in family.OPEN_TO_FAMILY:
            return None
        actor = auth.current_actor()
        if actor is not None and is_family(actor):
            raise Forbidden(FAMILY_ONLY)
        return None

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
        actor = auth.current_actor()
        return {"actor": actor, "client_work": bool(actor and works_with_clients(actor)), "languages": i18n.LANGUAGES,
                "locale": str(get_locale() or "nl")}

    return app


def _http_texts(error: HTTPException) -> tuple[str, str]:
    texts = {
        400: (_("Ongeldige aanvraag"), _("De aanvraag kon niet gelezen worden.")),
        404: (_("Niet gevonden"), _("Deze pagina bestaat niet.")),
        405: (_("Niet toegestaan"), _("Deze methode kan hier niet.")),
        413: (_("Te groot"), _("De aanvraag is groter dan %(size)s MB.", size=MAX_UPLOAD_MB)),
        415: (_("Ongeldige aanvraag"), _("Stuur de gegevens als JSON (Content-Type: application/json).")),
        500: (_("Er ging iets mis"), _("Probeer het later opnieuw.")),
    }
    return texts.get(error.code or 500, (_("Dat lukte niet"), error.name))


def _errors(app: Flask) -> None:
    from web import field_messages
    from web.api import problem, wants_json
    from web.api.bodies import InvalidBody
    from web.auth import current_actor

    def page(status: int, title: str, message: str, headers=(), **extra) -> Response:
        if wants_json():
            response = problem(status, title, message, **extra)
        else:
            response = make_response(render_template("error.html", status=status, title=title, message=message),
                                     status)
        response.headers.extend(headers)
        return response

    def http_error(error: HTTPException):
        if error.response is not None:          # abort(response): the view chose the whole response
            return error.response
        # Keep what the exception says about the response (Allow on 405, Retry-After, ...), not its HTML.
        headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
        return page(error.code or 500, *_http_texts(error), headers)

    def refused(error: Forbidden):
        actor = g.get("api_actor") or current_actor()
        services_of(app).refusals.record(actor, request.path, str(error))
        return page(403, _("Geen toegang"), str(error))

    def invalid(error: InvalidInput):
        reason = field_messages.shown(error.code, error.params, error.reason)
        return page(422, _("Ongeldige invoer"), f"{error.field}: {reason}",
                    errors=[{"field": error.field, "message": reason, "code": error.code}])

    def invalid_form(error: FormInvalid):
        errors = [{"field": e.field, "message": field_messages.shown(e.code, e.params, e.message), "code": e.code}
                  for e in error.errors]
        return page(422, _("Ongeldige gegevens"), "; ".join(f"{e['field']}: {e['message']}" for e in errors),
                    errors=errors)

    def invalid_field(field: str, code: str):
        return lambda e: page(422, _("Ongeldige invoer"), f"{getattr(e, 'field', field)}: {e}",
                              errors=[{"field": getattr(e, "field", field), "message": str(e), "code": code}])

    def duplicate(error: DuplicateChild):
        return page(409, _("Dat kan nu niet"), str(error), coordinators=error.coordinators)

    app.register_error_handler(Forbidden, refused)
    app.register_error_handler(InvalidInput, invalid)
    app.register_error_handler(FormInvalid, invalid_form)
    app.register_error_handler(InvalidBody, lambda e: page(422, _("Ongeldige aanvraag"), str(e), errors=e.errors))
    app.register_error_handler(InvalidInsz, invalid_field("insz", "insz"))
    app.register_error_handler(InvalidPerson, invalid_field("(body)", "invalid"))
    app.register_error_handler(InvalidTeam, invalid_field("members", "team"))
    app.register_error_handler(DuplicateChild, duplicate)
    app.register_error_handler(NotFound, lambda e: page(404, _("Niet gevonden"), str(e)))
    app.register_error_handler(TaskDone, lambda e: page(404, _("Niet gevonden"), str(e)) if wants_json() else
                               redirect(url_for("steps.show", trajectory_id=e.trajectory_id, seq=e.seq)))
    app.register_error_handler(UnknownTask, lambda e: page(404, _("Niet gevonden"), str(e)))
    app.register_error_handler(Conflict, lambda e: page(409, _("Dat kan nu niet"), str(e)))
    app.register_error_handler(TaskNotReady, lambda e: page(409, _("Dat kan nu niet"), str(e)))
    app.register_error_handler(CSRFError, lambda e: page(400, _("Formulier verlopen"),
                                                         _("Laad de pagina opnieuw en probeer nog eens.")))
    app.register_error_handler(EkdError, lambda e: page(400, _("Dat lukte niet"), str(e)))
    app.register_error_handler(HTTPException, http_error)


def services_of(app: Flask) -> Services:
    """The use cases the app runs on."""
    return app.extensions["ekd.services"]
