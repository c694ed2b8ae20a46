"""regint.storage."""
