"""Fixtures for privacy tests (the clips helpers: people, a media store, an intake)."""

from support.clips import intake, people, store  # noqa: F401
