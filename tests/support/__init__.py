"""Test support: system services (PostgreSQL, Redis, Chromium) and data factories."""
