"""`koers-server`: run the sync server and administer accounts, teams, cases and devices.

Errors are one clear English line and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from storage import xdg
from sync.safe_text import csv_cell
from sync.safe_text import printable as shown
from sync.server.errors import AdminError

if TYPE_CHECKING:
    from sync.server.audit import AuditLine
    from sync.server.migrations import SchemaState, Upgrade

EXIT_ERROR = 1


def default_database_url() -> str:
    folder = xdg.data_home() / "koers-server"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.db'}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_transport(
    host: str, tls_cert: str | None, tls_key: str | None, behind_tls_proxy: bool
) -> None:
    """Plain HTTP only on loopback, unless TLS is configured or a TLS proxy is in front."""
    if bool(tls_cert) != bool(tls_key):
        raise AdminError("--tls-cert and --tls-key go together")
    if tls_cert or behind_tls_proxy or _is_loopback(host):
        return
    raise AdminError(
        f"refusing plain HTTP on {host}: case data would cross the network unencrypted. "
        "Give --tls-cert and --tls-key, or --behind-tls-proxy when a TLS proxy terminates "
        "the connections, or listen on 127.0.0.1."
    )


def _password(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise AdminError(f"no password: set {env} or run in a terminal")
    first = getpass.getpass(prompt)
    if getpass.getpass("Repeat: ") != first:
        raise AdminError("the two passwords differ")
    return first


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from sync.server.store import connect

    return connect(args.database or default_database_url())


def cmd_serve(args: argparse.Namespace) -> int:
    check_transport(args.host, args.tls_cert, args.tls_key, args.behind_tls_proxy)
    for option, path in (("--tls-cert", args.tls_cert), ("--tls-key", args.tls_key)):
        if path is not None and not os.access(path, os.R_OK):
            raise AdminError(f"{option}: cannot read the file {path!r}")
    for proxy in args.trusted_proxy or ():
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise AdminError(f"--trusted-proxy {proxy!r} is no IP address or network") from None
    if not 1 <= args.workers <= MAX_WORKERS:
        raise AdminError(f"--workers: give a number of processes from 1 to {MAX_WORKERS}")
    import uvicorn

    from sync.server.app import LOOPBACK_PROXIES, SETTINGS_VARIABLE, create_app

    settings = {
        "database_url": args.database or default_database_url(),
        "behind_proxy": args.behind_tls_proxy,
        "docs": args.docs,
        "trusted_proxies": list(args.trusted_proxy or LOOPBACK_PROXIES),
    }
    app: object
    if args.workers == 1:
        app = create_app(
            settings["database_url"],
            behind_proxy=args.behind_tls_proxy,
            docs=args.docs,
            trusted_proxies=tuple(args.trusted_proxy or LOOPBACK_PROXIES),
        )
    else:
        # Several processes, each with the app made by the factory from these settings (in
        # its environment: the processes are started afresh, not forked). The schema is
        # brought to head once here, before any of them starts.
        from sync.server.store import connect

        connect(settings["database_url"]).dispose()
        os.environ[SETTINGS_VARIABLE] = json.dumps(settings)
        app = "sync.server.app:app_from_environment"
    print(serving_line(args, settings["database_url"]), flush=True)
    uvicorn.run(
        app,  # type: ignore[arg-type]
        factory=args.workers > 1,
        workers=args.workers,
        host=args.host,
        port=args.port,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        proxy_headers=args.behind_tls_proxy,
        forwarded_allow_ips=list(args.trusted_proxy or LOOPBACK_PROXIES),
        log_level="warning",
        access_log=False,
    )
    return 0


def serving_line(args: argparse.Namespace, database_url: str) -> str:
    """The one line `serve` prints as it starts: where it listens, how many processes, which
    database (its URL with any password hidden: the line may end up in a service log)."""
    from sqlalchemy.engine import make_url

    scheme = "https" if args.tls_cert else "http"
    processes = f"{args.workers} process{'es' if args.workers != 1 else ''}"
    behind = ", behind a TLS proxy" if args.behind_tls_proxy else ""
    # Only where the database is: a password may also sit in the query (?password=,
    # ?sslpassword=, libpq's options), so the query is never shown.
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        database = f"sqlite file {url.database}"
    else:
        where = f"{url.host or 'local socket'}{f':{url.port}' if url.port else ''}"
        database = f"{url.get_backend_name()} {url.database} on {where}"
    return (
        f"Koers server starting on {scheme}://{args.host}:{args.port} ({processes}{behind}); "
        f"database {database}. Stop with Ctrl+C."
    )


# The most server processes `serve --workers` starts (a few per core is plenty: each holds
# up to pool_size + max_overflow database connections, store.connect).
MAX_WORKERS = 64


def cmd_user(args: argparse.Namespace) -> int:
    from sync.server import admin

    engine = _engine(args)
    if args.user_command == "add":
        password = _password("KOERS_PASSWORD", f"Password for {args.name}: ")
        admin.add_user(engine, args.name, password, args.role, args.team)
        print(f"Added user {args.name} ({args.role}).")
    elif args.user_command == "list":
        users = admin.list_users(engine)
        print("user\trole\tteam")
        for user in users:
            state = " (disabled)" if user.disabled else ""
            print(f"{shown(user.name)}\t{user.role}\t{shown(user.team or '-')}{state}")
    else:
        revoked = admin.disable_user(engine, args.name)
        print(
            f"Disabled user {args.name}; {revoked} device(s) revoked: refused from now on, "
            "they wipe at next contact."
        )
    return 0


def cmd_team(args: argparse.Namespace) -> int:
    from sync.server import admin

    admin.add_team(_engine(args), args.name, args.shares_caseload)
    print(f"Added team {args.name}.")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from sync.server import admin

    previous = admin.assign(_engine(args), args.case_id, args.user, backup=args.backup)
    backup = f"back-up worker {args.backup}" if args.backup else "no back-up worker"
    if previous and previous != args.user:
        print(
            f"Case handed over from {shown(previous)} to {args.user} ({backup}); "
            f"{shown(previous)}'s devices purge it at their next sync."
        )
    else:
        print(f"Case assigned to {args.user} ({backup}).")
    return 0


EXIT_BAD_INPUT = 2
AUDIT_COLUMNS = (
    "when",
    "user",
    "device_name",
    "device_id",
    "action",
    "record_type",
    "record_id",
    "case_id",
    "source",
    "laptop_time",
    "received_at",
    "detail",
)


def cmd_audit(args: argparse.Namespace) -> int:
    """Who read or changed a case's file (--case), what an account or a device touched
    (--user, --device), within --from/--to; a table, or CSV with --csv. Bad input: one
    English line, exit 2. The search itself is logged."""
    import csv

    from sync.server import audit

    if args.case is None and args.user is None and args.device is None:
        print("koers-server: error: give --case, --user or --device", file=sys.stderr)
        return EXIT_BAD_INPUT
    engine = _engine(args)
    found: list[audit.AuditLine] = []
    try:
        while True:
            page = audit.search(
                engine,
                case_id=args.case,
                user=args.user,
                device_id=args.device,
                start=args.start,
                end=args.end,
                limit=audit.MAX_LIMIT,
                offset=len(found),
                searched_by=None if found else audit.shell_user(),
            )
            found += page.lines
            if not page.truncated or not page.lines:
                break
    except audit.BadAuditSearch as exc:
        print(f"koers-server: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    rows = [_audit_row(line) for line in found]
    if args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=AUDIT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
        return 0
    if not rows:
        print("No access-log lines match.")
        return 0
    for row in rows:
        row = {k: shown(v) for k, v in row.items()}
        device = row["device_name"] or "-"
        if row["device_id"]:
            device += f" ({row['device_id']})"
        record = row["record_type"] + (f" {row['record_id']}" if row["record_id"] else "")
        by = "reported by laptop" if row["source"] == audit.LAPTOP else "recorded by server"
        if row["laptop_time"] == audit.UNKNOWN:
            by += ", laptop clock unknown: time of receipt"
        print(
            f"{row['when']}  {row['user'] or '-'}  {device}  {row['action']}  {record}"
            f"  [{by}]" + (f"  {row['detail']}" if row["detail"] else "")
        )
    print(f"{len(rows)} line{'s' if len(rows) != 1 else ''}.")
    return 0


def _audit_row(line: AuditLine) -> dict[str, str]:
    """One line of `koers-server audit` by column (AUDIT_COLUMNS), as stored ("source":
    "laptop" when a laptop reported it, "server" when the server recorded it); "laptop_time"
    is "unknown" for a laptop's line whose own time was not believable."""
    values = {name: getattr(line, name) for name in AUDIT_COLUMNS if name != "when"}
    if line.laptop_clock_unknown:
        values["laptop_time"] = "unknown"  # audit.UNKNOWN
    return {"when": line.when, **{k: "" if v is None else str(v) for k, v in values.items()}}


def _day(text: str) -> date:
    """An argparse type: a day as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day as YYYY-MM-DD") from None


def cmd_late(args: argparse.Namespace) -> int:
    from sync.server import late

    engine = _engine(args)
    if args.late_command == "list":
        rows = late.list_all(engine, include_accepted=args.all)
        if not rows:
            print("No late arrivals.")
        for row in rows:
            state = "accepted" if row.accepted else "waiting"
            print(
                f"{row.id}\t{shown(row.case_id)}\t{row.record_type}\t{shown(row.record_id)}\t"
                f"from {shown(row.from_user)}\t{row.received_at}\t{state}"
            )
    else:
        row = late.accept_by_operator(engine, args.late_id)
        print(
            f"Accepted late arrival {row.id} into case {row.case_id}; "
            "the case's holders receive it at their next sync."
        )
    return 0


def cmd_device(args: argparse.Namespace) -> int:
    from sync.server import admin

    engine = _engine(args)
    if args.device_command == "list":
        listed = admin.list_devices(engine, args.user)
        print("device\tuser\tname\tstate")
        for device in listed:
            state = "revoked" if device.revoked else "active"
            print(f"{device.id}\t{shown(device.user)}\t{shown(device.name)}\t{state}")
    else:
        admin.revoke_device(engine, args.device_id)
        print("Device revoked: its token is refused from now on, and it wipes at next contact.")
    return 0


def cmd_purge_closed(args: argparse.Namespace) -> int:
    from sync.server import admin

    due = admin.purge_closed_cases(_engine(args), args.older_than_days, dry_run=args.dry_run)
    verb = "Would delete" if args.dry_run else "Deleted"
    print(f"{verb} {len(due)} case(s) closed more than {args.older_than_days} days ago.")
    for case_id in due:
        print(case_id)
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from sync.server import migrations
    from sync.server.store import connect

    engine = connect(args.database or default_database_url(), migrate=False)
    try:
        if args.db_command == "current":
            print(_schema_state_line(migrations.current(engine)))
        else:
            print(_upgrade_line(migrations.upgrade(engine)))
    finally:
        engine.dispose()
    return 0


def _schema_state_line(state: SchemaState) -> str:
    if state.at_head:
        return f"Schema revision {state.revision}: up to date."
    if state.empty:
        return (
            f"The database is empty; `koers-server db upgrade` (or starting the server) "
            f"creates the schema at revision {state.head}."
        )
    if state.made_before_migrations:
        return (
            "The database was made before schema migrations (no revision recorded); "
            f"`koers-server db upgrade` (or starting the server) upgrades it to {state.head}."
        )
    return (
        f"Schema revision {state.revision}; this server's newest is {state.head}: run "
        "`koers-server db upgrade` (or start the server)."
    )


def _upgrade_line(done: Upgrade) -> str:
    before = done.before
    if not done.changed:
        return f"Schema revision {done.after}: up to date, nothing to do."
    if before.empty:
        return f"Created the schema at revision {done.after}."
    if before.made_before_migrations:
        return (
            "The database was made before schema migrations: recorded it at revision 0001 "
            f"and upgraded it to {done.after}."
        )
    return f"Upgraded the schema from revision {before.revision} to {done.after}."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="koers-server", description="The Koers sync server.")
    parser.add_argument(
        "--database",
        help="sqlite:///path or postgresql://... (default: a SQLite file in the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--tls-cert")
    serve.add_argument("--tls-key")
    serve.add_argument(
        "--behind-tls-proxy",
        action="store_true",
        help="a TLS-terminating proxy sits in front of this server (the client address for "
        "the enrolment rate limit is then the one it appends to X-Forwarded-For)",
    )
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        metavar="ADDRESS",
        help="with --behind-tls-proxy: the proxy's address or network whose X-Forwarded-For is "
        "believed (may repeat; default: this machine only, 127.0.0.1 and ::1)",
    )
    serve.add_argument(
        "--docs",
        action="store_true",
        help="also serve the API's OpenAPI description at /openapi.json and /docs (off by default)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes sharing the port (default 1). Use about one per core with "
        "PostgreSQL; several processes on SQLite queue for its one writer",
    )
    serve.set_defaults(func=cmd_serve)

    user = sub.add_parser("user", help="accounts")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="add an account (password: prompt or KOERS_PASSWORD)")
    add.add_argument("name")
    add.add_argument("--role", default="worker")
    add.add_argument("--team")
    user_sub.add_parser("list", help="list accounts")
    disable = user_sub.add_parser("disable", help="disable an account")
    disable.add_argument("name")
    user.set_defaults(func=cmd_user)

    team = sub.add_parser("team", help="teams")
    team_sub = team.add_subparsers(dest="team_command", required=True)
    team_add = team_sub.add_parser("add", help="add a team")
    team_add.add_argument("name")
    team_add.add_argument(
        "--shares-caseload",
        action="store_true",
        help="every worker of the team receives the team's cases",
    )
    team.set_defaults(func=cmd_team)

    assign = sub.add_parser(
        "assign",
        help="assign or hand over a case",
        description="Give a case to a worker, with its back-up worker. The assignment names "
        "both: without --backup the case has no back-up worker afterwards (an older one is "
        "cleared), as a teamleider's handover from the window does.",
    )
    assign.add_argument("case_id")
    assign.add_argument("user")
    assign.add_argument(
        "--backup",
        metavar="USER",
        help="the case's back-up worker (left out: no back-up worker, an older one is cleared)",
    )
    assign.set_defaults(func=cmd_assign)

    purge = sub.add_parser(
        "purge-closed", help="delete cases closed longer ago than the retention period"
    )
    purge.add_argument("--older-than-days", type=int, required=True, metavar="DAYS")
    purge.add_argument("--dry-run", action="store_true", help="only list what would go")
    purge.set_defaults(func=cmd_purge_closed)

    late_parser = sub.add_parser(
        "late", help="changes refused because their case had moved (kept, not applied)"
    )
    late_sub = late_parser.add_subparsers(dest="late_command", required=True)
    late_list = late_sub.add_parser("list", help="list late arrivals (ids only, no content)")
    late_list.add_argument("--all", action="store_true", help="include accepted ones")
    late_accept = late_sub.add_parser("accept", help="accept a late arrival into its case")
    late_accept.add_argument("late_id", type=int)
    late_parser.set_defaults(func=cmd_late)

    audit_parser = sub.add_parser(
        "audit",
        help="the central access log: who read or changed a case's file, when, from which "
        "device; what an account or a device touched",
    )
    audit_parser.add_argument("--case", metavar="ID", help="lines about this case")
    audit_parser.add_argument("--user", metavar="NAME", help="lines of this account")
    audit_parser.add_argument("--device", metavar="ID", help="lines of this device")
    audit_parser.add_argument(
        "--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="first day (Amsterdam)"
    )
    audit_parser.add_argument(
        "--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="last day (Amsterdam)"
    )
    audit_parser.add_argument("--csv", action="store_true", help="CSV on standard output")
    audit_parser.set_defaults(func=cmd_audit)

    db = sub.add_parser("db", help="the database's schema (the server also upgrades at start)")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="bring the schema to this server's newest revision")
    db_sub.add_parser("current", help="show the schema's revision; changes nothing")
    db.set_defaults(func=cmd_db)

    device = sub.add_parser("device", help="devices")
    device_sub = device.add_subparsers(dest="device_command", required=True)
    device_list = device_sub.add_parser("list", help="list devices")
    device_list.add_argument("--user")
    revoke = device_sub.add_parser("revoke", help="revoke a lost device")
    revoke.add_argument("device_id")
    device.set_defaults(func=cmd_device)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except AdminError as exc:
        print(f"koers-server: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except (ArgumentError, NoSuchModuleError):
        print(
            "koers-server: error: --database is no database address this server knows "
            "(sqlite:///path/to/file.db or postgresql://user@host/name)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except OperationalError:  # the URL is not repeated: it may hold a password
        print(
            "koers-server: error: the database cannot be opened: check --database (an "
            "existing folder for SQLite; host, port, name and password for PostgreSQL)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    except Exception as exc:  # never a traceback
        print(f"koers-server: internal error ({type(exc).__name__})", file=sys.stderr)
        return 70


def main() -> None:
    # Every file the server makes (its SQLite database, WAL and SHM, folders) is for this
    # account only; store.connect also creates the database file 0600 itself.
    os.umask(0o077)
    sys.exit(run())
