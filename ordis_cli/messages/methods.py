"""Allocation methods (SPEC §4 ``--method``, ``--compare``): what the terminal says when it
sets three plans side by side. Keys ``method-…`` (pieces of a table, not problem codes).

Each entry: stable key -> (French, English).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "method-compare-title": (
        "Trois plans pour les mêmes données (rien n'est écrit ni enregistré)",
        "Three plans for the same data (nothing written or recorded)",
    ),
    "method-measure": ("Mesure", "Measure"),
    "method-units-level": ("Appareils {level}", "Devices, {level} priority"),
    "method-units": ("Appareils en tout", "Devices in total"),
    "method-served": ("Structures servies", "Facilities served"),
    "method-min-fill": (
        "Part la plus basse {level}",
        "Lowest share, {level} priority",
    ),
    "method-device-km": ("Appareils × km", "Device-kilometres"),
    "method-seconds": ("Secondes", "Seconds"),
    "method-none": ("—", "—"),
}
