"""The lock file (requirements/lock.txt) agrees with pyproject.toml and with the installed venv.

`make setup` installs the lock; `make lock` re-resolves it. A dependency added to or narrowed in
pyproject.toml without `make lock` fails here, in CI, before two clones can drift apart.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "requirements" / "lock.txt"
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)"
                  r"(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def locked() -> dict[str, tuple[str, Marker | None]]:
    pins: dict[str, tuple[str, Marker | None]] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            marker = Marker(match["marker"]) if match["marker"] else None
            pins[canonicalize_name(match["name"])] = (match["version"], marker)
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in
            [*project["dependencies"], *project["optional-dependencies"]["dev"]]]


def test_every_declared_dependency_is_locked_within_its_range() -> None:
    pins = locked()
    assert len(pins) > 100
    problems = []
    for req in declared():
        name = canonicalize_name(req.name)
        if name == "torch":
            continue  # installed from the CPU wheel before the lock (see the Makefile)
        if name not in pins:
            problems.append(f"{req.name} is not in the lock")
        elif not req.specifier.contains(pins[name][0], prereleases=True):
            problems.append(f"{req.name}: lock has {pins[name][0]}, pyproject wants "
                            f"{req.specifier}")
    assert not problems, "run `make lock`: " + "; ".join(problems)


def test_lock_holds_no_cuda_torch() -> None:
    names = set(locked())
    assert "torch" not in names
    assert not {n for n in names if n.startswith(("nvidia-", "triton"))}


def test_the_lock_pins_apache_airflow_as_pyproject_does() -> None:
    airflow = next(r for r in declared() if r.name == "apache-airflow")
    assert locked()["apache-airflow"][0] in airflow.specifier


def test_installed_packages_are_the_locked_versions() -> None:
    """What `make setup` installed is the lock (a venv built before it says so here)."""
    if not (REPO / ".venv").exists():
        pytest.skip("no project venv")
    drift = []
    for name, (version, marker) in locked().items():
        if marker is not None and not marker.evaluate():
            continue
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            drift.append(f"{name} missing")
            continue
        if have != version:
            drift.append(f"{name} {have} != {version}")
    assert not drift, "run `make setup`: " + "; ".join(drift[:10])
