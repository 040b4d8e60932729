"""Fixtures for clips tests (defined in support.clips so tests can import its helpers too)."""

from support.clips import intake, people, store  # noqa: F401
