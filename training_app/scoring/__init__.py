"""Scoring of livestream practice transcripts: pacing, prohibited claims, engagement, product knowledge."""
