"""Scorers: pure functions comparing parsed gold and system objects (one module per task)."""
