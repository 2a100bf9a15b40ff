"""The application factory: the one place where settings, extensions and routes meet."""
from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from flask import Flask

from .api import register_blueprints
from .config import Settings, load_settings
from .extensions import api as api_ext
from .extensions import auth, cors, problems, request_log, security_headers
from .extraction import Extractor
from .store import db as store_db
from .web import bp as web_bp


@lru_cache(maxsize=4)
def get_extractor(model: str, rules_dir: str) -> Extractor:
    """One pipeline per model and rules directory per process (gunicorn preloads it)."""
    return Extractor(model, rules_dir)


def configure_logging(level: str) -> None:
    root = logging.getLogger()
    if not any(getattr(h, "_quotes_service", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        handler._quotes_service = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level.upper())


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then environment variables, then ``config`` (tests pass it)."""
    settings: Settings = load_settings(overrides=config)
    configure_logging(settings.log_level)
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    # never the debugger or reloader, even with FLASK_DEBUG in the environment (tests may override)
    app.config["DEBUG"] = False
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.config.update({k: v for k, v in (config or {}).items() if k.isupper()})
    problems.init_app(app)
    request_log.init_app(app)
    security_headers.init_app(app)
    cors.init_app(app)
    auth.init_app(app)
    api = api_ext.init_app(app)
    auth.document(api, settings.api_key_list)
    extractor = get_extractor(settings.model, settings.rules_dir)
    app.extensions["extractor"] = extractor
    app.extensions["readiness_checks"] = {"model": lambda: extractor.nlp is not None}
    store_db.init_app(app)
    register_blueprints(api)
    app.register_blueprint(web_bp)  # the demo page at /, outside the OpenAPI document
    return app
