"""Loads courses/ and assessments/ files into validated objects."""
