"""Settings: every runtime knob is an environment variable with a safe default, read here once."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from .extraction import DEFAULT_MODEL
from .extraction.rules import DEFAULT_RULES_DIR

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    """The service's configuration; the README's configuration table documents each field."""

    model: str = DEFAULT_MODEL
    rules_dir: str = str(DEFAULT_RULES_DIR)
    max_text_chars: int = 200_000
    log_level: str = "INFO"
    data_dir: str = str(PROJECT_ROOT / "data")
    database_url: str = ""
    # "true"/"false"; empty means: migrate the embedded SQLite default, leave a server database alone
    auto_migrate: str = ""

    @property
    def max_body_bytes(self) -> int:
        """A body can hold at most 4 UTF-8 bytes a character, plus JSON escaping and the other fields."""
        return self.max_text_chars * 6 + 64 * 1024

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{Path(self.data_dir) / 'quotes.db'}"

    @property
    def should_auto_migrate(self) -> bool:
        """Apply migrations at start-up? Explicit setting first, else only for the embedded default."""
        flag = self.auto_migrate.strip().lower()
        if flag:
            return flag in ("1", "true", "yes", "on")
        return not self.database_url


ENV_NAMES = {
    "model": "QUOTES_MODEL",
    "rules_dir": "QUOTES_RULES_DIR",
    "max_text_chars": "QUOTES_MAX_TEXT_CHARS",
    "log_level": "QUOTES_LOG_LEVEL",
    "data_dir": "QUOTES_DATA_DIR",
    "database_url": "DATABASE_URL",
    "auto_migrate": "QUOTES_AUTO_MIGRATE",
}


def load_settings(environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Defaults, then the environment, then explicit overrides (tests pass these)."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = environ.get(ENV_NAMES[f.name])
        if raw is not None and raw != "":
            values[f.name] = int(raw) if f.type in ("int", int) else raw
    values.update({k: v for k, v in (overrides or {}).items() if k in ENV_NAMES})
    return Settings(**values)
