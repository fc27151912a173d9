"""`pantau serve` and `pantau users …`: the desk from the command line."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pipelines.cli_output import console, err_console, print_rows

if TYPE_CHECKING:
    from desk.store import DeskStore

users_app = typer.Typer(help="Desk users: roles analis / verifikator / kepala / admin, each "
                             "with a scope (national, a province or a kabupaten/kota).",
                        no_args_is_help=True)


def _one_line_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A desk error (unknown user, short password…) is one line and exit status 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from desk.store import DeskError

        try:
            return fn(*args, **kwargs)
        except DeskError as exc:
            err_console.print(f"[red]Error:[/] {exc}")
            raise typer.Exit(2) from None

    return wrapper


def _store() -> DeskStore:
    from desk.settings import DeskSettings
    from desk.store import DeskStore, store_path

    settings = DeskSettings()
    return DeskStore(store_path(settings.home))


def _scope(value: str) -> str:
    from pipelines.gazetteer import regions, resolve_region

    if value.strip().lower() in ("", "nasional", "national"):
        return ""
    code = resolve_region(value) if value not in regions() else value
    if code is None:
        raise typer.BadParameter(f"unknown region '{value}'; give a Kemendagri code ('33', "
                                 "'33.74') or a name ('Jawa Tengah'), or 'nasional'",
                                 param_hint="--scope")
    return code


def _password(from_stdin: bool, prompt: str = "Password") -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=True))


@users_app.command("add")
@_one_line_errors
def users_add(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help="analis, verifikator, kepala or admin.")],
    scope: Annotated[str, typer.Option(help="nasional, a province or a kabupaten/kota "
                                            "(code or name).")] = "nasional",
    name: Annotated[str | None, typer.Option(help="Name shown in the audit log.")] = None,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input (scripts).")] = False,
    email: Annotated[str | None, typer.Option(
        help="E-mail address: the daily briefing of the user's scope goes there.")] = None,
    phone: Annotated[str | None, typer.Option(
        help="WhatsApp number (0812… or +62812…), kept with the user.")] = None,
    telegram: Annotated[str | None, typer.Option(
        help="Telegram chat id: the daily digest of the user's scope goes there.")] = None,
) -> None:
    """Add a desk user; with --email/--telegram they receive their scope's daily briefing.

    Example: pantau users add sari --role verifikator --scope "Jawa Tengah"
    --email sari@jatengprov.go.id
    """
    from desk.auth import hash_password
    from desk.store import normalise_contact

    code = _scope(scope)
    for kind, value in (("email", email), ("phone", phone), ("telegram", telegram)):
        normalise_contact(kind, value)  # a bad address fails before the password prompt
    store = _store()
    store.add_user(username, hash_password(_password(password_stdin)), role, code, name,
                   email=email, phone=phone, telegram=telegram)
    console.print(f"added {username} ({role}, {code or 'nasional'})")


@users_app.command("contact")
@_one_line_errors
def users_contact(
    username: Annotated[str, typer.Argument()],
    email: Annotated[str | None, typer.Option(help="E-mail address ('' clears it).")] = None,
    phone: Annotated[str | None, typer.Option(help="WhatsApp number ('' clears it).")] = None,
    telegram: Annotated[str | None, typer.Option(help="Telegram chat id ('' clears it).")]
    = None,
) -> None:
    """Set or clear a user's contact (their sessions go on).

    Example: pantau users contact sari --email sari@jatengprov.go.id --phone 081234567890
    """
    given = {k: v for k, v in (("email", email), ("phone", phone), ("telegram", telegram))
             if v is not None}
    if not given:
        raise typer.BadParameter("give --email, --phone or --telegram")
    _store().set_contact(username, **given)
    console.print(f"contact updated for {username}")


@users_app.command("list")
@_one_line_errors
def users_list(
    format_: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """List desk users with their scope and contact."""
    from pipelines.gazetteer import region_name

    if format_ not in ("table", "csv", "json"):
        raise typer.BadParameter("use table, csv or json", param_hint="--format")
    rows = [(u["username"], u["display_name"], u["role"],
             (u["scope"] + " " + (region_name(u["scope"]) or "")) if u["scope"] else "nasional",
             " ".join(v for v in (u["email"], u["phone"] and f"WA {u['phone']}",
                                  u["telegram"] and f"TG {u['telegram']}") if v) or "—",
             "disabled" if u["disabled"] else "active", u["updated_at"][:16])
            for u in _store().users()]
    print_rows(["user", "name", "role", "scope", "contact", "state", "changed"], rows,
               fmt=format_)


@users_app.command("disable")
@_one_line_errors
def users_disable(username: Annotated[str, typer.Argument()]) -> None:
    """Disable a user; their sessions end at once."""
    _store().update_user(username, disabled=1)
    console.print(f"disabled {username}")


@users_app.command("reset-password")
@_one_line_errors
def users_reset_password(
    username: Annotated[str, typer.Argument()],
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
) -> None:
    """Set a new password (and re-enable the user); their sessions end at once."""
    from desk.auth import hash_password

    _store().update_user(username, password_hash=hash_password(_password(password_stdin)),
                         disabled=0)
    console.print(f"password reset for {username}")


def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")]
    = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8787).")] = None,
    workers: Annotated[int | None, typer.Option(
        min=1, max=64, help="Server processes (default 1, PANTAU_DESK_WORKERS); about one per "
                            "core serves more officers at once.")] = None,
) -> None:
    """Serve the desk web app (Bahasa Indonesia; English in the menu).

    It binds 127.0.0.1 unless told otherwise: put it behind a reverse proxy with TLS to
    reach it from other machines (docs/desk.md). Example: pantau serve --port 8787 --workers 2
    """
    import uvicorn

    from desk.app import create_app
    from desk.settings import DeskSettings
    from desk.store import DeskStore, store_path

    settings = DeskSettings()
    bind = host or settings.desk_host
    n = workers or settings.desk_workers
    options: dict[str, Any] = {"host": bind, "port": port or settings.desk_port,
                               "proxy_headers": True, "forwarded_allow_ips": "127.0.0.1",
                               "log_level": "warning"}
    console.print(f"Pantau desk on http://{bind}:{options['port']}{settings.desk_root_path}/"
                  f"{f' ({n} processes)' if n > 1 else ''} (Ctrl-C stops)")
    if n == 1:
        uvicorn.run(create_app(settings), **options)
        return
    # Several processes (uvicorn's own supervisor; each builds the app from the same
    # environment). What they share lives on disk, made here once before they start: the
    # signing key (sessions and forms signed by one are valid in all), the desk store and its
    # migrations (users, sessions' epochs, the login rate limit). Each keeps its own page
    # cache of the immutable snapshot; the search index refresh is locked across them.
    settings.secret()
    DeskStore(store_path(settings.home))
    # a worker's imports take seconds on a busy machine: wait for it (uvicorn's default is 5 s)
    uvicorn.run("desk.app:create_app", factory=True, workers=n,
                timeout_worker_healthcheck=60, **options)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.add_typer(users_app, name="users", help="Desk users (pantau users add|list|contact|"
                                                "disable|reset-password).")
