"""/v1/articles: extract an article's quotes and store them; read or delete a stored article."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from ...extensions.problems import ProblemError
from ...extraction import Extraction
from ...store.db import get_db
from ...store.ingest import NewArticle, delete_article, ingest
from ...store.models import MAX_ID
from ...store.views import article_view
from ..body import check_length, load, request_payload
from .schemas import ArticleRequestSchema, ArticleSchema

blp = Blueprint("articles", __name__, url_prefix="/v1", description="Store articles and their quotes")

REQUEST_BODY = {"required": True, "content": {"application/json": {"schema": ArticleRequestSchema},
                                              "text/plain": {"schema": {"type": "string"}}}}


def run_extractor(article: NewArticle) -> Extraction:
    return current_app.extensions["extractor"].extract(article.text, article.title)


def stored_article(article_id: int) -> dict:
    with get_db().read() as session:
        view = article_view(session, article_id)
    if view is None:
        raise ProblemError(404, "Not Found", f"no article {article_id}")
    return view


@blp.route("/articles")
class Articles(MethodView):
    @blp.doc(requestBody=REQUEST_BODY)
    @blp.response(201, ArticleSchema)
    @blp.alt_response(200, schema=ArticleSchema, description="Already stored (same text or url): the stored article")
    @blp.alt_response(400, description="Malformed body")
    @blp.alt_response(413, description="Text over the configured limit")
    @blp.alt_response(415, description="Neither JSON nor plain text")
    @blp.alt_response(422, description="A well-formed body that fails validation")
    def post(self):
        """Extract an article's quotes and store them, once: posting it again returns the stored one."""
        body = load(ArticleRequestSchema(), request_payload())
        check_length(body["text"])
        if body.get("title"):
            check_length(body["title"], "title")
        result = ingest(get_db(), NewArticle(**body), run_extractor)
        return stored_article(result.article_id), 201 if result.created else 200


@blp.route(f"/articles/<int(min=1, max={MAX_ID}):article_id>")
class ArticleById(MethodView):
    @blp.response(200, ArticleSchema)
    @blp.alt_response(404, description="No such article")
    def get(self, article_id: int):
        """A stored article with its quotes (offsets into its text) and speakers."""
        return stored_article(article_id)

    @blp.response(204)
    @blp.alt_response(404, description="No such article")
    def delete(self, article_id: int):
        """Delete an article; quotes no other article reported, and speakers left without quotes, go too."""
        if not delete_article(get_db(), article_id):
            raise ProblemError(404, "Not Found", f"no article {article_id}")
        return None
