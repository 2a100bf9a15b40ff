"""Liveness and readiness probes."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from ...extensions.problems import ProblemError
from .schemas import HealthSchema

blp = Blueprint("health", __name__, description="Liveness and readiness probes")


@blp.route("/healthz")
class Health(MethodView):
    @blp.doc(security=[])
    @blp.response(200, HealthSchema)
    def get(self):
        """The process is alive."""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    @blp.doc(security=[])
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, description="Not ready: the model or a dependency is unavailable")
    def get(self):
        """The model is loaded and every dependency answers."""
        checks = {name: check() for name, check in current_app.extensions["readiness_checks"].items()}
        failing = [name for name, ok in checks.items() if not ok]
        if failing:
            raise ProblemError(503, "Service Unavailable", "Not ready: " + ", ".join(failing), checks=checks)
        return {"status": "ready", "checks": checks}
