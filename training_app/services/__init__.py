"""Use cases. Every function takes a DB session, the acting user and plain values; it checks authorization."""
