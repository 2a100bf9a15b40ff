"""The demo page at ``GET /`` (paste an article, see its quotes) and the dashboard at ``GET /dashboard``
(the quote database in charts). Plain HTML, CSS and JS with a vendored Chart.js, served locally, so
they work air-gapped and under ``Content-Security-Policy: default-src 'self'``."""
from .routes import bp

__all__ = ["bp"]
