"""Quote and attribution extraction service for news."""

__version__ = "0.1.0"
