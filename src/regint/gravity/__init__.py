"""regint.gravity."""
