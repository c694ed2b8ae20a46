"""The code version, recorded in every snapshot manifest and warehouse."""

__version__ = "0.1.0"
