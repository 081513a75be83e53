"""A model module that fails while it is imported (tests/test_robust_inputs.py)."""

raise ZeroDivisionError("division by zero at import")


def predict(documents):  # pragma: no cover - never reached
    return []
