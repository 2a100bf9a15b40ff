"""The demo page at ``GET /``: paste an article, see its quotes. Plain HTML, CSS and JS, served
locally, so it works air-gapped and under ``Content-Security-Policy: default-src 'self'``."""
from .routes import bp

__all__ = ["bp"]
