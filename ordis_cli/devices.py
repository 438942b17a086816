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
        """The code or the English word, as a person types it: any case, spaces or
        punctuation, singular or plural (« 4G box », "Laptops", « box-4g »)."""
        word = "".join(c for c in str(value).lower() if c.isalnum())
        return _WORDS.get(word) or _WORDS.get(word.removesuffix("s"))


_WORDS = {
    "portable": DeviceType.LAPTOP,
    "laptop": DeviceType.LAPTOP,
    "fixe": DeviceType.DESKTOP,
    "desktop": DeviceType.DESKTOP,
    "tablette": DeviceType.TABLET,
    "tablet": DeviceType.TABLET,
    "box4g": DeviceType.BOX_4G,
    "4gbox": DeviceType.BOX_4G,
    "4gboxe": DeviceType.BOX_4G,  # « 4G boxes » without its s
}


DEVICE_TYPES: tuple[DeviceType, ...] = tuple(DeviceType)
