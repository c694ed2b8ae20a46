"""regint.pipeline."""
