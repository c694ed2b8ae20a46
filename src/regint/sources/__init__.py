"""One module per provider: read raw files or call an API, return tidy frames plus an Origin."""
