"""regint.web."""
