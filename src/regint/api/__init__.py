"""The Python facade every delivery layer (CLI, web, report) calls."""
