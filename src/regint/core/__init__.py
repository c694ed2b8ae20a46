"""Vocabulary, provenance records and errors. No I/O happens here."""
