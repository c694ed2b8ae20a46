"""regint.claims."""
