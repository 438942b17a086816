"""The device types ordis allocates, in a module light enough for the ledger and the
command line to import at start (``models`` re-exports them)."""

from __future__ import annotations

from enum import StrEnum


class DeviceType(StrEnum):
    LAPTOP = "portable"
    DESKTOP = "fixe"
    TABLET = "tablette"
    BOX_4G = "box_4g"


DEVICE_TYPES: tuple[DeviceType, ...] = tuple(DeviceType)
