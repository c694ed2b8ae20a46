"""regint.index."""
