"""HTTP resources, one package each (routes + schemas), registered in this order."""
from __future__ import annotations

from flask_smorest import Api

from .extract.routes import blp as extract_blp
from .health.routes import blp as health_blp

BLUEPRINTS = (health_blp, extract_blp)


def register_blueprints(api: Api) -> None:
    for blp in BLUEPRINTS:
        api.register_blueprint(blp)
