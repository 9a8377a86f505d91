"""Performance benchmarks: scripts that print figures (no timed unit tests)."""
