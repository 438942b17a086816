"""The device types ordis allocates, in a module light enough for the ledger and the
command line to import at start (``models`` re-exports them)."""

from __future__ import annotations

from enum import StrEnum


class DeviceType(StrEnum):
    """A device type, by the code the files and the ledger write; ``DeviceType("laptop")``
    takes the English word too (``--substitute desktop=laptop``, a policy file)."""

    LAPTOP = "portable"
    DESKTOP = "fixe"
    TABLET = "tablette"
    BOX_4G = "box_4g"

    @classmethod
    def _missing_(cls, value: object) -> DeviceType | None:
        word = "_".join(str(value).strip().lower().split())
        return _ENGLISH_WORDS.get(word)


_ENGLISH_WORDS = {
    "laptop": DeviceType.LAPTOP,
    "desktop": DeviceType.DESKTOP,
    "tablet": DeviceType.TABLET,
    "4g_box": DeviceType.BOX_4G,
}


DEVICE_TYPES: tuple[DeviceType, ...] = tuple(DeviceType)
