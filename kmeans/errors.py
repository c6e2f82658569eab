"""The exception every part of the library raises for input the user can fix."""

__all__ = ["DataError"]


class DataError(ValueError):
    """Data the user can fix; ``str(error)`` is one sentence to show on the page."""
