"""flask-smorest's Api, with its error handler replaced by problem details and Swagger UI served
from the swagger-ui-bundle package so the docs page works air-gapped."""
from __future__ import annotations

from apispec import BasePlugin
from flask import Flask, render_template, send_from_directory, url_for
from flask_smorest import Api
from swagger_ui_bundle import swagger_ui_path

from .. import __version__

SWAGGER_ASSETS = "/docs/assets/"


class AlternativeContent(BasePlugin):
    """Lets a route document a second media type for a response (``x-alternative-content``),
    which flask-smorest's one-content-type-per-response decorators cannot express."""

    def operation_helper(self, path=None, operations=None, **kwargs):  # noqa: ANN001 (apispec's signature)
        for operation in (operations or {}).values():
            extra = operation.pop("x-alternative-content", None) or {}
            responses = operation.setdefault("responses", {})
            for status, content in extra.items():
                key = next((k for k in responses if str(k) == str(status)), str(status))
                responses.setdefault(key, {}).setdefault("content", {}).update(content)


class ProblemApi(Api):
    """The Api whose errors are answered by the app's problem-details handlers."""

    def _register_error_handlers(self) -> None:
        # flask-smorest would answer HTTP errors in its own shape; service.extensions.problems does
        return None

    def _openapi_swagger_ui(self):
        """The docs page from our own template: no inline script, so a strict CSP holds."""
        return render_template(
            "docs.html",
            title=self.spec.title,
            spec_url=url_for(f"{self._make_doc_blueprint_name()}.openapi_json"),
            swagger_ui_url=self._swagger_ui_url,
            init_url=url_for("static", filename="docs/init.js"),
        )


def openapi_config() -> dict:
    return {
        "API_TITLE": "Quote extraction",
        "API_VERSION": __version__,
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": SWAGGER_ASSETS,
        "API_SPEC_OPTIONS": {"info": {"description": "Quotes, speakers and attributions in news articles."}},
    }


def _swagger_asset(filename: str):
    return send_from_directory(str(swagger_ui_path), filename)


def init_app(app: Flask) -> Api:
    for key, value in openapi_config().items():
        app.config.setdefault(key, value)
    api = ProblemApi(app, spec_kwargs={"extra_plugins": [AlternativeContent()]})
    app.add_url_rule(SWAGGER_ASSETS + "<path:filename>", "swagger_assets", _swagger_asset)
    return api
