"""Schemas of the probes."""
from marshmallow import Schema, fields


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"description": "ok, or ready"})
    checks = fields.Dict(keys=fields.String(), values=fields.Boolean(),
                         metadata={"description": "each readiness check and whether it passed"})
