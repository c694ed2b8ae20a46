"""regint.report."""
