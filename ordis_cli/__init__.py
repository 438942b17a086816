"""ordis: logistics of a computer-donation operation for child-welfare structures.

The Python API (SPEC §8): the functions behind every command and their typed results, the
same data ``--format json`` prints. Imported on first use (PEP 562), so ``import ordis_cli``
loads neither pandas nor openpyxl nor the reading stack::

    import ordis_cli
    report = ordis_cli.validate_files(paths, ordis_cli.ValidationOptions(lang="en"))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    __version__: str  # read on first use (``__getattr__``): importlib.metadata is slow to load


def _version() -> str:
    """One place for the version: pyproject.toml, read from the installed metadata."""
    from importlib import metadata

    try:
        return metadata.version("ordis")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


# public name -> the module that defines it (relative to this package)
_EXPORTS: dict[str, str] = {
    # ordis validate
    "validate_files": "actions.validate",
    "ValidationOptions": "actions.validate",
    "ValidationReport": "models",
    "FileReport": "models",
    "Problem": "models",
    "Severity": "models",
    "Kind": "models",
    "ColumnMapping": "column_mapping",
    "load_mapping": "column_mapping",
    # ordis allocate
    "run_allocation": "actions.allocate",
    "AllocateRequest": "actions.allocate",
    "AllocationResult": "actions.allocate",
    "compare_plans": "actions.allocate",
    "ComparisonResult": "allocation.compare",
    "AllocationSummary": "actions.allocate",
    "Policy": "allocation.policy",
    # ordis deliveries import
    "import_deliveries": "actions.deliveries",
    "DeliveriesImport": "actions.deliveries",
    "FileImport": "actions.deliveries",
    # ordis deliveries pending
    "pending_deliveries": "actions.deliveries",
    "write_pending": "actions.deliveries",
    "PendingDeliveries": "ledger.pending",
    # ordis runs list / show / cancel
    "list_runs": "actions.runs",
    "show_run": "actions.runs",
    "cancel_run": "actions.runs",
    "RunInfo": "actions.runs",
    "RunDetail": "actions.runs",
    "Cancelled": "actions.runs",
    # ordis shipments cancel, ordis ledger upgrade
    "cancel_shipments": "actions.shipments",
    "ShipmentsCancelled": "actions.shipments",
    "upgrade_ledger": "actions.ledger",
    "LedgerUpgrade": "actions.ledger",
    "copy_ledger": "actions.ledger",
    "LedgerCopy": "actions.ledger",
    # ordis report
    "report_figures": "actions.report",
    "write_report": "actions.report",
    "Figures": "actions.report",
    "Details": "actions.report",
    "donor_report_figures": "actions.report",
    "write_donor_report": "actions.report",
    "DonorFigures": "actions.report",
    "DonorRefused": "actions.report",
    # ordis sample, ordis demo
    "write_sample": "actions.sample",
    "run_demo": "actions.demo",
    "DemoResult": "actions.demo",
    # what a command raises when it cannot go on (each with a stable ``code``)
    "OrdisError": "errors",
    "ReadingError": "errors",
    "UsageError": "errors",
    "WriteError": "errors",
    "LedgerError": "ledger.opening",
}

__all__ = [  # the names of _EXPORTS, written out for linters and ``from ordis_cli import *``
    "AllocateRequest",
    "AllocationResult",
    "AllocationSummary",
    "Cancelled",
    "ColumnMapping",
    "ComparisonResult",
    "DeliveriesImport",
    "DemoResult",
    "Details",
    "DonorFigures",
    "DonorRefused",
    "Figures",
    "FileImport",
    "FileReport",
    "Kind",
    "LedgerCopy",
    "LedgerError",
    "LedgerUpgrade",
    "OrdisError",
    "PendingDeliveries",
    "Policy",
    "Problem",
    "ReadingError",
    "RunDetail",
    "RunInfo",
    "Severity",
    "ShipmentsCancelled",
    "UsageError",
    "ValidationOptions",
    "ValidationReport",
    "WriteError",
    "__version__",
    "cancel_run",
    "cancel_shipments",
    "compare_plans",
    "copy_ledger",
    "donor_report_figures",
    "import_deliveries",
    "list_runs",
    "load_mapping",
    "pending_deliveries",
    "report_figures",
    "run_allocation",
    "run_demo",
    "show_run",
    "upgrade_ledger",
    "validate_files",
    "write_donor_report",
    "write_pending",
    "write_report",
    "write_sample",
]

if TYPE_CHECKING:  # what mypy and editors see; at run time __getattr__ imports on demand
    from .actions.allocate import (
        AllocateRequest,
        AllocationResult,
        AllocationSummary,
        compare_plans,
        run_allocation,
    )
    from .actions.deliveries import (
        DeliveriesImport,
        FileImport,
        import_deliveries,
        pending_deliveries,
        write_pending,
    )
    from .actions.demo import DemoResult, run_demo
    from .actions.ledger import LedgerCopy, LedgerUpgrade, copy_ledger, upgrade_ledger
    from .actions.report import (
        Details,
        DonorFigures,
        DonorRefused,
        Figures,
        donor_report_figures,
        report_figures,
        write_donor_report,
        write_report,
    )
    from .actions.runs import Cancelled, RunDetail, RunInfo, cancel_run, list_runs, show_run
    from .actions.sample import write_sample
    from .actions.shipments import ShipmentsCancelled, cancel_shipments
    from .actions.validate import ValidationOptions, validate_files
    from .allocation.compare import ComparisonResult
    from .allocation.policy import Policy
    from .column_mapping import ColumnMapping, load_mapping
    from .errors import OrdisError, ReadingError, UsageError, WriteError
    from .ledger.opening import LedgerError
    from .ledger.pending import PendingDeliveries
    from .models import FileReport, Kind, Problem, Severity, ValidationReport


def __getattr__(name: str) -> object:
    if name == "__version__":
        globals()[name] = version = _version()
        return version
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next access does not come back here
    return value


def __dir__() -> list[str]:
    """The API and the module's own dunders: not the names this file uses to load it
    (``importlib``, ``TYPE_CHECKING``, ``annotations``…)."""
    dunders = (name for name in globals() if name.startswith("__") and name.endswith("__"))
    return sorted({*dunders, *_EXPORTS, "__version__"})
