"""The beheer console's routes (/beheer/...): log in, second factor, own password, and for
beheerders users, teams, devices and the access log.

Every page is HTML rendered by Jinja2 with autoescaping (a name holding markup shows as
text), in Dutch, without JavaScript; answers carry a Content-Security-Policy that allows no
script at all, are never cached, and cannot be framed. Every form posts a CSRF token: the
session's own (sessions.ConsoleSession.csrf), or, on the login form, the token of a
short-lived login cookie (double submit: no session exists yet). A POST without the right
token does nothing and says so (403). Refusals are a Dutch message on the page (400/403/429),
never a 500; a successful POST redirects (303) to a page that says what was done.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders, UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import MAX_PASSWORD
from sync.safe_text import printable
from sync.server import admin, audit, lockout, ratelimit
from sync.server.console import accounts, sessions
from sync.server.console.accounts import Actor, Refused
from sync.server.errors import AdminError, ServerError
from sync.server.passwords import DUMMY_HASH, verify_password
from sync.server.store import users

HERE = Path(__file__).resolve().parent
LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
PAGE_SIZE = 50
# The longest value any form field takes (a password: sync.protocol.MAX_PASSWORD); a longer
# one is refused with a message, never cut short.
MAX_FIELD = 1024
TOO_LONG = (
    f"Een van de ingevulde velden is te lang (ten hoogste {MAX_FIELD} tekens). Er is niets "
    "gewijzigd."
)
# Console logins, throttled like enrolment (ratelimit.py): per client address and account.
LOGIN_PER_ADDRESS = ratelimit.Limit(30, 300.0)
LOGIN_PER_ACCOUNT = ratelimit.Limit(10, 300.0)

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

# What a redirect after a POST says (?gedaan=<key>): fixed texts, nothing from the request.
DONE = {
    "gebruiker": "De gebruiker is toegevoegd.",
    "rol": "Rol en team zijn opgeslagen.",
    "ongewijzigd": "Er was niets te wijzigen.",
    "wachtwoord-reset": "Het nieuwe wachtwoord is ingesteld. Geef het de gebruiker "
    "persoonlijk door; die kiest daarna zelf een nieuw wachtwoord.",
    "tweede-factor": "De tweede factor is gewist; de beheerder stelt bij de volgende keer "
    "inloggen een nieuwe in.",
    "uitgeschakeld": "De gebruiker is uitgeschakeld. Zijn apparaten zijn ingetrokken en "
    "worden gewist zodra ze weer contact maken.",
    "team": "Het team is toegevoegd.",
    "ingetrokken": "Het apparaat is ingetrokken. Het wordt gewist zodra het weer contact maakt.",
    "wachtwoord": "Uw wachtwoord is gewijzigd.",
}
# The access log's actions in Dutch (an action not listed shows as stored).
ACTION_LABELS = {
    "create": "aangemaakt",
    "update": "gewijzigd",
    "delete": "verwijderd",
    "read": "ingezien",
    "list": "in een lijst getoond",
    "reveal_address": "geheim adres getoond",
    "export": "geëxporteerd",
    "restore": "hersteld",
    "purge": "gewist",
    "sync": "gesynchroniseerd",
    "pull": "naar laptop gestuurd",
    "history": "geschiedenis naar laptop gestuurd",
    "assign": "toegewezen",
    "console_login": "ingelogd in de console",
    "console_login_failed": "inloggen in de console mislukt",
    "console_logout": "uitgelogd uit de console",
    "console_totp_enrol": "tweede factor ingesteld",
    "console_totp_refused": "tweede-factorcode geweigerd",
    "console_totp_reset": "tweede factor gewist",
    "console_user_add": "gebruiker toegevoegd",
    "console_user_role": "rol of team gewijzigd",
    "console_user_disable": "gebruiker uitgeschakeld",
    "console_password_reset": "wachtwoord opnieuw ingesteld",
    "console_password_change": "eigen wachtwoord gewijzigd",
    "console_team_add": "team toegevoegd",
    "console_device_revoke": "apparaat ingetrokken",
}
RECORD_LABELS = {
    "user": "gebruiker",
    "team": "team",
    "device": "apparaat",
    "case": "dossier",
    "audit_log": "logboek (doorzocht of geëxporteerd)",
    # The laptops' records (storage/record_types.py), in the field's words.
    "screening": "risicoscreening",
    "contact": "contact",
    "safety_plan": "veiligheidsplan",
    "agreement": "veiligheidsafspraak",
    "breach": "schending",
    "breach_follow_up": "opvolging van een schending",
    "goal": "doel",
    "action": "actie",
    "zrm_assessment": "ZRM-meting",
    "handover_note": "overdrachtsnotitie",
    "case_discussion": "casusbespreking",
    "social_map_entry": "sociale kaart",
    "programme": "programma",
    "household_member": "lid van het huishouden",
    "danger_person": "dreigingspersoon",
    "case_partner": "betrokken partner",
    "closure": "afsluiting",
    "reopening": "heropening",
    "caseload": "caseload",
}
NOTICES = {
    "verlopen": "Uw sessie is verlopen. Log opnieuw in.",
    "uitgelogd": "U bent uitgelogd.",
}
FORGED = (
    "Dit formulier is verlopen of komt niet van deze pagina. Er is niets gewijzigd. Open "
    "de pagina opnieuw en probeer het nog eens."
)


@dataclass
class ConsoleSettings:
    """How the console runs: cookies marked Secure (TLS or a TLS proxy), idle expiry in
    seconds, and the clock (epoch seconds; tests move it to age a session)."""

    behind_proxy: bool = False
    idle_s: float = sessions.IDLE_S
    now: Callable[[], float] = field(default=time.time)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tijd"] = _local_time
    env.filters["iso_tijd"] = _iso_local
    # A stored name with control or invisible formatting characters shows them as escapes.
    env.filters["zichtbaar"] = printable
    env.filters["handeling"] = lambda action: ACTION_LABELS.get(action, action)
    env.filters["soort"] = lambda kind: RECORD_LABELS.get(kind, kind)
    return env


def _local_time(epoch: float | None) -> str:
    """Epoch seconds as 'dd-mm-jjjj uu:mm' in Europe/Amsterdam ('nooit' for None)."""
    if epoch is None:
        return "nooit"
    return datetime.fromtimestamp(epoch, UTC).astimezone(LOCAL_TZ).strftime("%d-%m-%Y %H:%M")


def _iso_local(text: str | None) -> str:
    """An ISO 8601 time of the audit log as 'dd-mm-jjjj uu:mm:ss'."""
    if not text:
        return ""
    try:
        return datetime.fromisoformat(text).astimezone(LOCAL_TZ).strftime("%d-%m-%Y %H:%M:%S")
    except (ValueError, OverflowError):  # audit.UNKNOWN: a stored time that cannot be shown
        return "onbekend"


Handler = Callable[..., Awaitable[Response]]


def _console_path(path: str) -> bool:
    return path == "/beheer" or path.startswith("/beheer/")


class ConsoleHeaders:
    """ASGI middleware: every answer under /beheer carries HEADERS (a header the answer
    set itself, such as the stylesheet's Cache-Control, stays), also the framework's own
    answers the console's routes never see: 404, 405 for HEAD or OPTIONS, 413, 422."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _console_path(scope.get("path", "")):
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in HEADERS.items():
                    headers.setdefault(key, value)
            await send(message)

        await self.app(scope, receive, sending)


def install(
    app: FastAPI,
    engine: Engine,
    *,
    behind_proxy: bool = False,
    address_of: Callable[[Request], str | None] = lambda request: None,
) -> ConsoleSettings:
    """Add the console's routes to `app` over `engine`. `behind_proxy`: a TLS proxy is in
    front (cookies are then always Secure); `address_of` gives a request's client address
    (the login's rate limit). Returns the settings (also at app.state.console)."""
    settings = ConsoleSettings(behind_proxy=behind_proxy)
    app.state.console = settings
    app.add_middleware(ConsoleHeaders)
    env = _environment()
    css = (HERE / "static" / "console.css").read_bytes()

    # --- helpers ---------------------------------------------------------------------------

    def secure(request: Request) -> bool:
        return settings.behind_proxy or request.url.scheme == "https"

    def cookie_name(request: Request, login: bool = False) -> str:
        base = "koers-beheer-login" if login else "koers-beheer"
        return f"__Host-{base}" if secure(request) else base

    def set_cookie(request: Request, response: Response, value: str, login: bool = False) -> None:
        response.set_cookie(
            cookie_name(request, login),
            value,
            httponly=True,
            secure=secure(request),
            samesite="strict",
            path="/",
            max_age=int(sessions.ABSOLUTE_S) if not login else 1800,
        )

    def clear_cookie(request: Request, response: Response, login: bool = False) -> None:
        response.delete_cookie(
            cookie_name(request, login),
            path="/",
            secure=secure(request),
            httponly=True,
            samesite="strict",
        )

    def page(
        template: str,
        status: int = 200,
        session: sessions.ConsoleSession | None = None,
        **context: Any,
    ) -> HTMLResponse:
        body = env.get_template(template).render(session=session, **context)
        return HTMLResponse(body, status_code=status, headers=HEADERS)

    def redirect(url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303, headers=HEADERS)

    def current(request: Request) -> tuple[sessions.ConsoleSession | None, bool]:
        return sessions.look_up(
            engine, request.cookies.get(cookie_name(request)), settings.now(), settings.idle_s
        )

    def to_login(request: Request, expired: bool) -> RedirectResponse:
        response = redirect("/beheer/inloggen?melding=verlopen" if expired else "/beheer/inloggen")
        clear_cookie(request, response)
        return response

    def stage_page(session: sessions.ConsoleSession) -> str:
        if session.stage == sessions.STAGE_ENROL:
            return "/beheer/tweede-factor/instellen"
        if session.stage == sessions.STAGE_TOTP:
            return "/beheer/tweede-factor"
        return "/beheer/gebruikers" if session.role == "beheerder" else "/beheer/wachtwoord"

    def forbidden(session: sessions.ConsoleSession) -> HTMLResponse:
        return page(
            "message.html",
            403,
            session,
            title="Geen toegang",
            message="Deze pagina is alleen voor beheerders. Hier kunt u uw eigen "
            "wachtwoord wijzigen.",
            link=("/beheer/wachtwoord", "Naar mijn wachtwoord"),
        )

    def forged(session: sessions.ConsoleSession | None, back: str) -> HTMLResponse:
        return page(
            "message.html",
            403,
            session,
            title="Formulier geweigerd",
            message=FORGED,
            link=(back, "Terug naar de pagina"),
        )

    async def form_of(request: Request) -> dict[str, str]:
        """The posted form's fields (the first of each name). Raises Refused for a value
        longer than MAX_FIELD: cutting it would store another password than the one typed."""
        try:
            form = await request.form(max_files=0, max_fields=50)
        except Exception:  # a body that is no form: treated as an empty one (refused later)
            return {}
        values: dict[str, str] = {}
        for key, value in form.multi_items():
            if isinstance(value, UploadFile) or key in values:
                continue
            if len(value) > MAX_FIELD:
                raise Refused(TOO_LONG)
            values[key] = value
        return values

    def actor(session: sessions.ConsoleSession) -> Actor:
        return Actor(session.user_id, session.user_name)

    def beheer_page(
        view: Callable[..., Response],
    ) -> Callable[[Request], Awaitable[Response]]:
        """A GET page for a beheerder who passed the second factor."""

        async def handler(request: Request) -> Response:
            session, expired = await run_in_threadpool(current, request)
            if session is None:
                return to_login(request, expired)
            if session.stage != sessions.STAGE_FULL:
                return redirect(stage_page(session))
            if not session.is_beheerder:
                return forbidden(session)
            return await run_in_threadpool(view, request, session)

        return handler

    def beheer_post(
        view: Callable[..., Response], back: Callable[[Request], str]
    ) -> Callable[[Request], Awaitable[Response]]:
        """A form POST of a beheerder: session, stage, role and CSRF token checked first."""

        async def handler(request: Request) -> Response:
            form = await form_of(request)
            session, expired = await run_in_threadpool(current, request)
            if session is None:
                return to_login(request, expired)
            if not sessions.same_token(form.get("csrf"), session.csrf):
                return forged(session, back(request))
            if session.stage != sessions.STAGE_FULL:
                return redirect(stage_page(session))
            if not session.is_beheerder:
                return forbidden(session)
            return await run_in_threadpool(view, request, session, form)

        return handler

    def notice(request: Request) -> str | None:
        key = request.query_params.get("gedaan")
        return DONE.get(key) if key else None

    # --- log in, second factor, log out ----------------------------------------------------

    async def home(request: Request) -> Response:
        session, expired = await run_in_threadpool(current, request)
        if session is None:
            return to_login(request, expired)
        return redirect(stage_page(session))

    async def login_form(request: Request) -> Response:
        session, _ = await run_in_threadpool(current, request)
        if session is not None:
            return redirect(stage_page(session))
        return login_page(request, None, 200, "")

    def login_page(request: Request, error: str | None, status: int, name: str) -> Response:
        token = secrets.token_urlsafe(32)
        melding = NOTICES.get(request.query_params.get("melding", ""))
        response = page(
            "login.html", status, None, csrf=token, error=error, notice=melding, name=name
        )
        set_cookie(request, response, token, login=True)
        return response

    async def login(request: Request) -> Response:
        form = await form_of(request)
        expected = request.cookies.get(cookie_name(request, login=True)) or ""
        if not expected or not sessions.same_token(form.get("csrf"), expected):
            return login_page(request, FORGED, 403, "")
        name = form.get("naam", "").strip()
        password = form.get("wachtwoord", "")
        address = address_of(request)
        try:
            session_id, stage = await run_in_threadpool(
                check_login, engine, name, password, address, settings.now()
            )
        except Refused as refused:
            return login_page(request, refused.message_nl, refused.status, name)
        response = redirect(
            "/beheer/tweede-factor/instellen"
            if stage == sessions.STAGE_ENROL
            else "/beheer/tweede-factor"
            if stage == sessions.STAGE_TOTP
            else "/beheer"
        )
        set_cookie(request, response, session_id)
        clear_cookie(request, response, login=True)
        return response

    async def logout(request: Request) -> Response:
        form = await form_of(request)
        session, expired = await run_in_threadpool(current, request)
        if session is None:
            return to_login(request, expired)
        if not sessions.same_token(form.get("csrf"), session.csrf):
            return forged(session, "/beheer")

        def work() -> None:
            with engine.begin() as conn:
                sessions.end(conn, session.id_hash)
            accounts.record_action(
                engine, actor(session), "console_logout", "user", session.user_name
            )

        await run_in_threadpool(work)
        response = redirect("/beheer/inloggen?melding=uitgelogd")
        clear_cookie(request, response)
        return response

    async def second_factor_form(request: Request) -> Response:
        session, expired = await run_in_threadpool(current, request)
        if session is None:
            return to_login(request, expired)
        if session.stage != sessions.STAGE_TOTP:
            return redirect(stage_page(session))
        return page("totp.html", 200, session, error=None)

    async def second_factor(request: Request) -> Response:
        return await check_totp(request, confirming=False)

    def enrol_page(
        session: sessions.ConsoleSession, error: str | None, status: int = 200
    ) -> Response:
        try:
            secret = sessions.pending_secret(engine, session.user_id, settings.now())
        except sessions.AlreadyEnrolled:  # another session of this account finished it
            return page(
                "message.html",
                409,
                session,
                title="Tweede factor al ingesteld",
                message="De tweede factor van dit account is intussen ingesteld. Log "
                "opnieuw in met de code uit uw authenticator-app.",
                link=("/beheer/inloggen", "Naar inloggen"),
            )
        return page(
            "totp_enrol.html",
            status,
            session,
            error=error,
            qr=sessions.provisioning_qr_svg(secret, session.user_name),
            secret=sessions.grouped(secret),
        )

    async def enrol_form(request: Request) -> Response:
        session, expired = await run_in_threadpool(current, request)
        if session is None:
            return to_login(request, expired)
        if session.stage != sessions.STAGE_ENROL:
            return redirect(stage_page(session))
        return await run_in_threadpool(enrol_page, session, None)

    async def enrol(request: Request) -> Response:
        return await check_totp(request, confirming=True)

    async def check_totp(request: Request, *, confirming: bool) -> Response:
        form = await form_of(request)
        session, expired = await run_in_threadpool(current, request)
        if session is None:
            return to_login(request, expired)
        wanted = sessions.STAGE_ENROL if confirming else sessions.STAGE_TOTP
        back = "/beheer/tweede-factor/instellen" if confirming else "/beheer/tweede-factor"
        if not sessions.same_token(form.get("csrf"), session.csrf):
            return forged(session, back)
        if session.stage != wanted:
            return redirect(stage_page(session))
        now = settings.now()
        try:
            await run_in_threadpool(
                sessions.check_code,
                engine,
                session.user_id,
                form.get("code", ""),
                now,
                confirming=confirming,
            )
        except sessions.TotpRefused as refused:
            await run_in_threadpool(
                accounts.record_action,
                engine,
                actor(session),
                "console_totp_refused",
                "user",
                session.user_name,
            )
            if confirming:
                return await run_in_threadpool(
                    enrol_page, session, refused.message_nl, refused.status
                )
            return page("totp.html", refused.status, session, error=refused.message_nl)

        def promote() -> str:
            with engine.begin() as conn:
                new_id = sessions.promote(conn, session.id_hash, now)
            accounts.record_action(
                engine,
                actor(session),
                "console_totp_enrol" if confirming else "console_login",
                "user",
                session.user_name,
            )
            return new_id

        new_id = await run_in_threadpool(promote)
        response = redirect("/beheer/gebruikers")
        set_cookie(request, response, new_id)
        return response

    # --- own password ----------------------------------------------------------------------

    async def password_form(request: Request) -> Response:
        session, expired = await run_in_threadpool(current, request)
        if session is None:
            return to_login(request, expired)
        if session.stage != sessions.STAGE_FULL:
            return redirect(stage_page(session))
        return page("password.html", 200, session, error=None, notice=notice(request))

    async def change_password(request: Request) -> Response:
        form = await form_of(request)
        session, expired = await run_in_threadpool(current, request)
        if session is None:
            return to_login(request, expired)
        if not sessions.same_token(form.get("csrf"), session.csrf):
            return forged(session, "/beheer/wachtwoord")
        if session.stage != sessions.STAGE_FULL:
            return redirect(stage_page(session))
        old, new = form.get("huidig", ""), form.get("nieuw", "")
        if new != form.get("herhaling", ""):
            error = "De twee nieuwe wachtwoorden verschillen. Typ ze opnieuw."
            return page("password.html", 400, session, error=error, notice=None)
        refused = await run_in_threadpool(own_password, session, old, new)
        if refused is not None:
            return page("password.html", refused[1], session, error=refused[0], notice=None)
        return redirect("/beheer/wachtwoord?gedaan=wachtwoord")

    def own_password(
        session: sessions.ConsoleSession, old: str, new: str
    ) -> tuple[str, int] | None:
        """None when the password was changed, else the Dutch refusal and its status."""
        weak = accounts.weak_password_nl(session.user_name, new)
        try:
            admin.change_password(engine, session.user_name, old, new, now=settings.now())
        except admin.PasswordChangeThrottled as exc:
            return (
                f"Te veel pogingen. Probeer het over {exc.retry_after} seconden opnieuw.",
                429,
            )
        except admin.WrongPassword:
            return "Het huidige wachtwoord klopt niet.", 400
        except admin.WeakPassword:
            return weak or "Dit wachtwoord is te zwak.", 400
        except admin.AdminError as exc:
            if "disabled" in str(exc):
                return "Dit account is uitgeschakeld.", 403
            return "Het nieuwe wachtwoord moet anders zijn dan het huidige.", 400
        with engine.begin() as conn:
            # Other sessions of this account end: whoever knew the old password is out.
            conn.execute(
                sessions.console_sessions.delete().where(
                    sessions.console_sessions.c.user_id == session.user_id,
                    sessions.console_sessions.c.id_hash != session.id_hash,
                )
            )
        accounts.record_action(
            engine, actor(session), "console_password_change", "user", session.user_name
        )
        return None

    # --- users -----------------------------------------------------------------------------

    def users_view(
        request: Request,
        session: sessions.ConsoleSession,
        error: str | None = None,
        status: int = 200,
        entered: dict[str, str] | None = None,
    ) -> Response:
        return page(
            "users.html",
            status,
            session,
            users=accounts.list_users(engine),
            teams=accounts.list_teams(engine),
            roles=accounts.ROLE_LABELS,
            error=error,
            notice=notice(request),
            entered=entered or {},
        )

    def add_user(request: Request, session: sessions.ConsoleSession, form: dict[str, str]):  # type: ignore[no-untyped-def]
        entered = {k: form.get(k, "") for k in ("naam", "rol", "team")}
        if form.get("wachtwoord", "") != form.get("herhaling", ""):
            error = "De twee wachtwoorden verschillen. Typ ze opnieuw."
            return users_view(request, session, error, 400, entered)
        try:
            accounts.add_user(
                engine,
                actor(session),
                form.get("naam", ""),
                form.get("wachtwoord", ""),
                form.get("rol", ""),
                form.get("team") or None,
            )
        except Refused as refused:
            return users_view(request, session, refused.message_nl, refused.status, entered)
        return redirect("/beheer/gebruikers?gedaan=gebruiker")

    def _user_id(request: Request) -> int | None:
        text = request.path_params.get("user_id", "")
        return int(text) if text.isdigit() and len(text) < 10 else None

    def not_found(session: sessions.ConsoleSession, what: str, back: str) -> HTMLResponse:
        return page(
            "message.html",
            404,
            session,
            title="Niet gevonden",
            message=f"{what} bestaat niet (meer).",
            link=(back, "Terug naar de lijst"),
        )

    def user_view(
        request: Request,
        session: sessions.ConsoleSession,
        error: str | None = None,
        status: int = 200,
        template: str = "user.html",
    ) -> Response:
        user_id = _user_id(request)
        user = accounts.get_user(engine, user_id) if user_id is not None else None
        if user is None:
            return not_found(session, "Deze gebruiker", "/beheer/gebruikers")
        return page(
            template,
            status,
            session,
            user=user,
            teams=accounts.list_teams(engine),
            roles=accounts.ROLE_LABELS,
            error=error,
            notice=notice(request),
        )

    def user_action(
        work: Callable[[int, sessions.ConsoleSession, dict[str, str]], str],
        template: str = "user.html",
    ) -> Callable[..., Response]:
        def view(request: Request, session: sessions.ConsoleSession, form: dict[str, str]):  # type: ignore[no-untyped-def]
            user_id = _user_id(request)
            if user_id is None:
                return not_found(session, "Deze gebruiker", "/beheer/gebruikers")
            try:
                done = work(user_id, session, form)
            except Refused as refused:
                return user_view(request, session, refused.message_nl, refused.status, template)
            return redirect(f"/beheer/gebruikers/{user_id}?gedaan={done}")

        return view

    def set_role(user_id: int, session: sessions.ConsoleSession, form: dict[str, str]) -> str:
        changed = accounts.set_role_and_team(
            engine, actor(session), user_id, form.get("rol", ""), form.get("team") or None
        )
        return "rol" if changed else "ongewijzigd"

    def reset_password(user_id: int, session: sessions.ConsoleSession, form: dict[str, str]) -> str:
        if form.get("wachtwoord", "") != form.get("herhaling", ""):
            raise Refused("De twee wachtwoorden verschillen. Typ ze opnieuw.")
        accounts.reset_password(engine, actor(session), user_id, form.get("wachtwoord", ""))
        return "wachtwoord-reset"

    def reset_factor(user_id: int, session: sessions.ConsoleSession, _: dict[str, str]) -> str:
        accounts.reset_second_factor(engine, actor(session), user_id)
        return "tweede-factor"

    def disable(user_id: int, session: sessions.ConsoleSession, _: dict[str, str]) -> str:
        accounts.disable_user(engine, actor(session), user_id, settings.now())
        return "uitgeschakeld"

    def disable_confirm(request: Request, session: sessions.ConsoleSession) -> Response:
        return user_view(request, session, template="user_disable.html")

    # --- teams -----------------------------------------------------------------------------

    def teams_view(
        request: Request,
        session: sessions.ConsoleSession,
        error: str | None = None,
        status: int = 200,
        entered: str = "",
    ) -> Response:
        return page(
            "teams.html",
            status,
            session,
            teams=accounts.list_teams(engine),
            error=error,
            notice=notice(request),
            entered=entered,
        )

    def add_team(request: Request, session: sessions.ConsoleSession, form: dict[str, str]):  # type: ignore[no-untyped-def]
        try:
            accounts.add_team(
                engine, actor(session), form.get("naam", ""), form.get("deelt") == "ja"
            )
        except Refused as refused:
            return teams_view(
                request, session, refused.message_nl, refused.status, form.get("naam", "")
            )
        return redirect("/beheer/teams?gedaan=team")

    # --- devices ---------------------------------------------------------------------------

    def devices_view(
        request: Request,
        session: sessions.ConsoleSession,
        error: str | None = None,
        status: int = 200,
    ) -> Response:
        return page(
            "devices.html",
            status,
            session,
            devices=accounts.list_devices(engine),
            error=error,
            notice=notice(request),
        )

    def device_confirm(request: Request, session: sessions.ConsoleSession) -> Response:
        device = accounts.get_device(engine, request.path_params.get("device_id", ""))
        if device is None:
            return not_found(session, "Dit apparaat", "/beheer/apparaten")
        return page("device_revoke.html", 200, session, device=device)

    def revoke(request: Request, session: sessions.ConsoleSession, form: dict[str, str]):  # type: ignore[no-untyped-def]
        try:
            accounts.revoke_device(
                engine, actor(session), request.path_params.get("device_id", ""), settings.now()
            )
        except Refused as refused:
            return devices_view(request, session, refused.message_nl, refused.status)
        return redirect("/beheer/apparaten?gedaan=ingetrokken")

    # --- the access log --------------------------------------------------------------------

    def audit_view(request: Request, session: sessions.ConsoleSession) -> Response:
        query = request.query_params
        entered = {
            k: query.get(k, "")[:100].strip()
            for k in ("zaak", "gebruiker", "apparaat", "van", "tot", "pagina")
        }
        context: dict[str, Any] = {"entered": entered, "result": None, "error": None}
        searched = "zoek" in query
        if searched:
            try:
                context.update(run_search(entered, session))
            except Refused as refused:
                context["error"] = refused.message_nl
                return page("audit.html", 400, session, **context)
        return page("audit.html", 200, session, **context)

    def run_search(entered: dict[str, str], session: sessions.ConsoleSession) -> dict[str, Any]:
        start, end = _day(entered["van"], "begindatum"), _day(entered["tot"], "einddatum")
        try:
            audit.check_period(start, end)
        except audit.BadAuditSearch as exc:
            if exc.reason == audit.BadAuditSearch.BACKWARDS:
                raise Refused("De periode eindigt voordat hij begint.") from exc
            if exc.reason == audit.BadAuditSearch.OUT_OF_RANGE:
                latest = audit.server_today() + timedelta(days=audit.LATEST_DAYS_AHEAD)
                raise Refused(
                    f"Kies dagen tussen {audit.EARLIEST_DAY:%d-%m-%Y} en {latest:%d-%m-%Y}."
                ) from exc
            years = audit.MAX_PERIOD_DAYS // 365
            in_words = {1: "één", 2: "twee", 3: "drie"}.get(years, str(years))
            raise Refused(
                f"Zoek over ten hoogste {in_words} jaar tegelijk; kies een kortere periode."
            ) from exc
        number = entered["pagina"] or "1"
        if not number.isdigit() or not 1 <= int(number) <= 100_000:
            raise Refused("Het paginanummer klopt niet.")
        page_no = int(number)
        try:
            result = audit.search(
                engine,
                case_id=entered["zaak"] or None,
                user=entered["gebruiker"] or None,
                device_id=entered["apparaat"] or None,
                start=start,
                end=end,
                limit=PAGE_SIZE,
                offset=(page_no - 1) * PAGE_SIZE,
                searched_by=session.user_name,
            )
        except audit.BadAuditSearch as exc:
            raise Refused("Deze zoekopdracht kan niet worden uitgevoerd.") from exc
        pages = max(1, -(-result.total // PAGE_SIZE))
        links = {k: v for k, v in entered.items() if v and k != "pagina"}
        return {
            "result": result,
            "page_no": page_no,
            "pages": pages,
            "first": (page_no - 1) * PAGE_SIZE + 1,
            "links": links,
        }

    # --- routes ----------------------------------------------------------------------------

    def guarded(handler: Handler) -> Handler:
        """`handler`, with any refusal that escaped it (a limit, a race, a field too long)
        as a Dutch page with its status: never a 500."""

        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except (Refused, sessions.TotpRefused) as refused:
                message, status = refused.message_nl, refused.status
            except ServerError as exc:
                if exc.status == 429:
                    wait = exc.retry_after or 60
                    message = f"Te veel pogingen. Probeer het over {wait} seconden opnieuw."
                else:
                    message = "Dit verzoek kon niet worden uitgevoerd. Er is niets gewijzigd."
                status = exc.status
            except AdminError:
                message = "Dit verzoek kon niet worden uitgevoerd. Er is niets gewijzigd."
                status = 400
            title = "Even wachten" if status == 429 else "Niet gelukt"
            return page(
                "message.html",
                status,
                None,
                title=title,
                message=message,
                link=("/beheer", "Terug naar de beheerconsole"),
            )

        return run

    def get(path: str, handler: Handler) -> None:
        app.add_api_route(path, guarded(handler), methods=["GET"], include_in_schema=False)

    def post(path: str, handler: Handler) -> None:
        app.add_api_route(path, guarded(handler), methods=["POST"], include_in_schema=False)

    async def stylesheet(_: Request) -> Response:
        return Response(
            css,
            media_type="text/css",
            headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"},
        )

    async def to_home(_: Request) -> Response:
        return redirect("/beheer")  # a typed address often ends in a slash

    get("/beheer/stijl.css", stylesheet)
    get("/beheer", home)
    get("/beheer/", to_home)
    get("/beheer/inloggen", login_form)
    post("/beheer/inloggen", login)
    post("/beheer/uitloggen", logout)
    get("/beheer/tweede-factor", second_factor_form)
    post("/beheer/tweede-factor", second_factor)
    get("/beheer/tweede-factor/instellen", enrol_form)
    post("/beheer/tweede-factor/instellen", enrol)
    get("/beheer/wachtwoord", password_form)
    post("/beheer/wachtwoord", change_password)
    get("/beheer/gebruikers", beheer_page(users_view))
    post("/beheer/gebruikers", beheer_post(add_user, lambda r: "/beheer/gebruikers"))

    def user_page(request: Request) -> str:
        return f"/beheer/gebruikers/{_user_id(request) or ''}"

    get("/beheer/gebruikers/{user_id}", beheer_page(user_view))
    post("/beheer/gebruikers/{user_id}/rol", beheer_post(user_action(set_role), user_page))
    post(
        "/beheer/gebruikers/{user_id}/wachtwoord",
        beheer_post(user_action(reset_password), user_page),
    )
    post(
        "/beheer/gebruikers/{user_id}/tweede-factor",
        beheer_post(user_action(reset_factor), user_page),
    )
    get("/beheer/gebruikers/{user_id}/uitschakelen", beheer_page(disable_confirm))
    post(
        "/beheer/gebruikers/{user_id}/uitschakelen",
        beheer_post(user_action(disable, "user_disable.html"), user_page),
    )
    get("/beheer/teams", beheer_page(teams_view))
    post("/beheer/teams", beheer_post(add_team, lambda r: "/beheer/teams"))
    get("/beheer/apparaten", beheer_page(devices_view))
    get("/beheer/apparaten/{device_id}/intrekken", beheer_page(device_confirm))
    post(
        "/beheer/apparaten/{device_id}/intrekken",
        beheer_post(revoke, lambda r: "/beheer/apparaten"),
    )
    get("/beheer/logboek", beheer_page(audit_view))

    async def unknown(request: Request) -> Response:
        session, _ = await run_in_threadpool(current, request)
        return page(
            "message.html",
            404,
            session,
            title="Niet gevonden",
            message="Deze pagina bestaat niet.",
            link=("/beheer", "Naar de beheerconsole"),
        )

    # Last: any other address under /beheer is a Dutch 404 page, not the API's JSON.
    get("/beheer/{rest:path}", unknown)
    return settings


def _day(text: str, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Refused(f"De {what} is geen datum (jjjj-mm-dd).") from None


def check_login(
    engine: Engine, name: str, password: str, address: str | None, now: float
) -> tuple[str, str]:
    """Check a console login; returns the new session's id and stage. Throttled per client
    address and per account name (LOGIN_PER_ADDRESS, LOGIN_PER_ACCOUNT, in the database)
    before any password is hashed; wrong passwords lock the name as at enrolment
    (lockout.py), whether or not an account of that name exists, so neither the words nor
    the status of an answer tell which names exist. Every wrong password is an audit line
    (the name as typed only when it is an account's; never the password). Raises Refused
    with a Dutch message and its status (400, or 429 throttled or locked)."""
    with engine.begin() as conn:
        wait = ratelimit.hit(
            conn, "console-" + ratelimit.address_key(address), LOGIN_PER_ADDRESS, now
        )
        if wait is None:
            wait = ratelimit.hit(
                conn, "console-" + ratelimit.account_key(name), LOGIN_PER_ACCOUNT, now
            )
    if wait is not None:
        raise Refused(f"Te veel inlogpogingen. Probeer het over {wait} seconden opnieuw.", 429)
    if len(password) > MAX_PASSWORD:
        raise Refused(f"Een wachtwoord is ten hoogste {MAX_PASSWORD} tekens lang.")
    wrong = Refused("Onbekende naam of verkeerd wachtwoord.")
    if not name or len(name) > 100:
        raise wrong
    with engine.connect() as conn:
        user = (
            conn.execute(
                select(
                    users.c.id,
                    users.c.password_hash,
                    users.c.disabled,
                    users.c.role,
                ).where(users.c.name == name)
            )
            .mappings()
            .first()
        )
        wait = lockout.locked_for(conn, name, now)
    if wait is not None:
        raise Refused(
            f"Te veel mislukte pogingen voor deze naam. Probeer het over {wait} seconden opnieuw.",
            429,
        )
    if not verify_password(password, DUMMY_HASH if user is None else user["password_hash"]):
        with engine.begin() as conn:
            lockout.count_failure(conn, name, None if user is None else user["id"], now)
            audit.record(
                conn,
                who=None,
                user_name=None if user is None else name,
                action="console_login_failed",
                record_type="user",
                record_id=None if user is None else name,
                detail=None if user is None else "wrong password",
            )
        raise wrong
    if user is None:  # DUMMY_HASH matches no password anyone sends
        raise wrong
    if user["disabled"]:
        raise Refused("Dit account is uitgeschakeld.")
    with engine.begin() as conn:
        lockout.clear(conn, name, user["id"])
        if user["role"] != "beheerder":
            stage = sessions.STAGE_FULL
        elif sessions.has_confirmed_totp(conn, user["id"]):
            stage = sessions.STAGE_TOTP
        else:
            stage = sessions.STAGE_ENROL
        session_id = sessions.start(conn, user["id"], stage, now)
        if stage == sessions.STAGE_FULL:
            audit.record(
                conn,
                who=None,
                user_name=name,
                action="console_login",
                record_type="user",
                record_id=name[:100],
            )
    return session_id, stage
