"""The command line: parse, call regint.api, render. No domain logic lives here."""
