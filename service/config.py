"""Settings: every runtime knob is an environment variable with a safe default, read here once."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .extraction import DEFAULT_MODEL
from .extraction.rules import DEFAULT_RULES_DIR
from .paths import DEFAULT_DATA_DIR


@dataclass(frozen=True)
class Settings:
    """The service's configuration; the README's configuration table documents each field."""

    model: str = DEFAULT_MODEL
    rules_dir: str = str(DEFAULT_RULES_DIR)
    max_text_chars: int = 200_000
    log_level: str = "INFO"
    data_dir: str = str(DEFAULT_DATA_DIR)
    # "true"/"false"; empty means: migrate the embedded SQLite default, leave a server database alone
    auto_migrate: str = ""
    # secrets: kept out of repr() so that logging the settings can never print them
    database_url: str = field(default="", repr=False)
    api_keys: str = field(default="", repr=False)
    # seconds one extraction may take before it is cut with a 503; 0 turns the budget off
    request_timeout: float = 20.0
    cors_origins: str = ""
    # reports of one statement are at most this many days apart (service.store.statements)
    statement_window_days: float = 7.0

    @property
    def api_key_list(self) -> tuple[str, ...]:
        """The accepted API keys; empty means the API is open."""
        return _split(self.api_keys)

    @property
    def cors_origin_list(self) -> tuple[str, ...]:
        """Browser origins allowed to call the API; empty means CORS is off."""
        return tuple(o.rstrip("/") for o in _split(self.cors_origins))

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
    "api_keys": "QUOTES_API_KEYS",
    "request_timeout": "QUOTES_REQUEST_TIMEOUT",
    "cors_origins": "QUOTES_CORS_ORIGINS",
    "statement_window_days": "QUOTES_STATEMENT_WINDOW_DAYS",
}
_NUMBER_TYPES = {"int": int, int: int, "float": float, float: float}


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _convert(name: str, type_: Any, raw: str) -> Any:
    convert = _NUMBER_TYPES.get(type_)
    if convert is None:
        return raw
    try:
        return convert(raw)
    except ValueError:
        raise ValueError(f"{ENV_NAMES[name]} must be a number, not {raw!r}") from None


def load_settings(environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Defaults, then the environment, then explicit overrides (tests pass these)."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = environ.get(ENV_NAMES[f.name])
        if raw is not None and raw != "":
            values[f.name] = _convert(f.name, f.type, raw)
    values.update({k: v for k, v in (overrides or {}).items() if k in ENV_NAMES})
    return Settings(**values)
