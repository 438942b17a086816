"""Validation: every rule of SPEC §2–3, returning problem records (never raising)."""

from .service import ValidationOptions, validate_files

__all__ = ["ValidationOptions", "validate_files"]
