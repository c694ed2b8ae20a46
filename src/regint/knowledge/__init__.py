"""regint.knowledge."""
