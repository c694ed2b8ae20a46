"""regint: an open observatory of regional integration, Central Asia (C5) by default."""

__version__ = "0.1.0"
