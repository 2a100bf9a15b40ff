"""Where the files that ship with the code live.

In a checkout, ``rules/`` and ``migrations/`` stand at the repository's top level beside
``service/``; the wheel maps them into the package (``service/rules``, ``service/migrations``;
see pyproject.toml), so an installed copy finds them inside itself and needs no checkout.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
INSTALLED = (PACKAGE_DIR / "rules").is_dir()
SHIPPED_DIR = PACKAGE_DIR if INSTALLED else PACKAGE_DIR.parent
RULES_DIR = SHIPPED_DIR / "rules"
MIGRATIONS_DIR = SHIPPED_DIR / "migrations"
# the embedded database: beside the code in a checkout (./data of `make run`); an installed
# package must never write into site-packages, so there it is ./data of the working directory
DEFAULT_DATA_DIR = Path("data") if INSTALLED else PACKAGE_DIR.parent / "data"
