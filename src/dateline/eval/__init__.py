"""Scorers: pure functions comparing parsed gold and system objects (one module per task)."""


def f_measure(precision: float, recall: float) -> float:
    """F1, the harmonic mean of precision and recall (0.0 when both are 0): one formula for
    every scorer."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
