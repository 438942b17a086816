"""Validation: every rule of SPEC §2–3, file by file and across files, returning problem
records (never raising). ``validate_inputs`` is the engine the commands share; the entry point
of ``ordis validate`` is ``actions.validate.validate_files``."""

from .service import ValidationOptions, validate_inputs

__all__ = ["ValidationOptions", "validate_inputs"]
