"""Reusable UI pieces; pages compose them."""
