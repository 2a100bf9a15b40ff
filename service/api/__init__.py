"""HTTP resources, one package each (routes + schemas), registered in this order."""
from __future__ import annotations

from flask_smorest import Api

from .articles.routes import blp as articles_blp
from .batch.routes import blp as batch_blp
from .extract.routes import blp as extract_blp
from .health.routes import blp as health_blp
from .quotes.routes import blp as quotes_blp
from .speakers.routes import blp as speakers_blp
from .statements.routes import blp as statements_blp
from .stats.routes import blp as stats_blp

BLUEPRINTS = (health_blp, extract_blp, batch_blp, articles_blp, quotes_blp, statements_blp, speakers_blp, stats_blp)


def register_blueprints(api: Api) -> None:
    for blp in BLUEPRINTS:
        api.register_blueprint(blp)
