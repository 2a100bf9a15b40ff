"""GET /: the demo page; GET /dashboard: the quote database at a glance. A plain Flask blueprint,
so both stay out of the OpenAPI document."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask import Blueprint, current_app, render_template, request

SAMPLE_ARTICLE = Path(__file__).with_name("sample_article.txt")

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/web/static")


@lru_cache(maxsize=1)
def sample_article() -> tuple[str, str]:
    """The fictional sample article as (headline, body): the file's first line, then the rest."""
    headline, _, body = SAMPLE_ARTICLE.read_text(encoding="utf-8").partition("\n\n")
    return headline.strip(), body.strip() + "\n"


@bp.get("/")
def index():
    """The demo page, with the sample article loaded; the page calls the public /v1/extract, or
    /v1/articles to store it. ``?article=ID`` shows a stored article with its statements."""
    headline, body = sample_article()
    limit = current_app.config["SETTINGS"].max_text_chars
    article_id = request.args.get("article", type=int)
    return render_template("web/index.html", headline=headline, body=body, max_text_chars=limit,
                           article_id=article_id if article_id and article_id > 0 else None)


@bp.get("/dashboard")
def dashboard():
    """Charts of the stored quotes; the page draws them from the public /v1/stats and /v1/quotes."""
    return render_template("web/dashboard.html")
