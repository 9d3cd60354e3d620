"""Pytest configuration for the tests and the docstring examples under ``src``."""

# Import the package before pytest imports any of its modules by path: with
# --import-mode=importlib a module collected first would otherwise be executed a
# second time as a separate copy, and its classes would not match the package's.
import smartgoals  # noqa: F401
