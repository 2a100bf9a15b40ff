"""Hypothesis profiles: a small deterministic one by default, a long one on demand.

``QUOTES_HYPOTHESIS_PROFILE=long python -m pytest tests/property`` runs many more examples
(still derandomised, so a failure reproduces).
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = dict(derandomize=True, deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])
settings.register_profile("default", max_examples=80, **_COMMON)
settings.register_profile("long", max_examples=int(os.environ.get("QUOTES_HYPOTHESIS_EXAMPLES", "1500")), **_COMMON)
settings.load_profile(os.environ.get("QUOTES_HYPOTHESIS_PROFILE", "default"))
