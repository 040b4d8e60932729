"""Load tests: simulated browser tabs against the real app."""
