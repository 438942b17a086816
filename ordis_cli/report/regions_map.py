"""The map of the régions on the HTML report: inline SVG drawn from ``data/regions_map.csv``
(outlines derived from IGN ADMIN EXPRESS by ``map_build``), each région shaded by a value in
a few round steps, labelled with its name and value, with a legend the page shows under it.

Colours: a sequential blue scale whose lightest step is still distinct from the white page,
a light grey for "none" or "not known"; each label's text is dark or white, whichever
contrasts more with its région's fill (at least 4.5:1, checked by the tests)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

from ..messages import Lang
from .charts import INK, nice_ticks
from .figures import press_number
from .map_build import HEIGHT, WIDTH

STEPS = ("#c6dbef", "#9ecae1", "#6baed6", "#2171b5", "#084594")
NONE = "#e5e7eb"
WHITE = "#ffffff"


@dataclass(frozen=True, slots=True)
class Shape:
    code: str
    name: str
    label: tuple[int, int]
    frame: tuple[int, int, int, int] | None  # an overseas région's inset
    path: str


@cache
def shapes() -> tuple[Shape, ...]:
    """The 18 régions' outlines, as shipped in the package."""
    text = resources.files("ordis_cli").joinpath("data", "regions_map.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple(
        Shape(
            code=row["code"],
            name=row["nom"],
            label=(int(row["label_x"]), int(row["label_y"])),
            frame=tuple(int(v) for v in row["cadre"].split()) if row["cadre"] else None,  # type: ignore[arg-type]
            path=row["trace"],
        )
        for row in rows
    )


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(fill: str) -> str:
    return INK if contrast(INK, fill) >= contrast(WHITE, fill) else WHITE


@dataclass(frozen=True, slots=True)
class Step:
    colour: str
    low: float
    high: float


def scale(values: list[float]) -> list[Step]:
    """Round steps from the values: 1 - 500, 501 - 1 000… (at most five)."""
    top = max(values, default=0)
    if top <= 0:
        return []
    if top < 5:
        ticks = [0.0, top]
    else:
        ticks = [float(t) for t in nice_ticks(int(-(-top // 1)), most=len(STEPS))]
    count = len(ticks) - 1
    colours = STEPS[-count:] if count < len(STEPS) else STEPS
    if count == 2:
        colours = (STEPS[1], STEPS[3])
    elif count == 3:
        colours = (STEPS[0], STEPS[2], STEPS[4])
    return [Step(c, ticks[i], ticks[i + 1]) for i, c in enumerate(colours)]


def fill(value: float | None, steps: list[Step]) -> str:
    if not value or not steps:
        return NONE
    return next((s.colour for s in steps if value <= s.high), steps[-1].colour)


def _name_lines(name: str) -> list[str]:
    """A long name on two lines, cut after the hyphen nearest its middle."""
    if len(name) <= 14:
        return [name]
    cuts = [i + 1 for i, c in enumerate(name) if c in "- "]
    if not cuts:
        return [name]
    cut = min(cuts, key=lambda i: abs(i - len(name) / 2))
    return [name[:cut].rstrip(), name[cut:]]


def draw(
    values: dict[str, float | None],
    shown: dict[str, str],
    steps: list[Step],
    title: str,
    lang: Lang,
    names: dict[str, str] | None = None,
) -> str:
    """The map: ``values`` by région name (None: not known), ``shown`` the text of each value
    (a région without one shows no figure), ``names`` a région's name as the page says it."""
    colon = " : " if lang == "fr" else ": "
    parts = [
        f'<svg class="map" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
    ]
    labels = []
    for shape in shapes():
        name = (names or {}).get(shape.name, shape.name)
        colour = fill(values.get(shape.name), steps)
        text = shown.get(shape.name, "")
        if shape.frame:
            x, y, w, h = shape.frame
            parts.append(
                f'<rect class="inset" x="{x}" y="{y}" width="{w}" height="{h}" rx="6" '
                f'fill="#f8fafc" stroke="#cbd5e1"/>'
            )
        tip = f"{name}{colon}{text}" if text else name
        parts.append(
            f'<path class="region" data-code="{shape.code}" d="{shape.path}" fill="{colour}" '
            f'stroke="{WHITE}" stroke-width="1.2" stroke-linejoin="round">'
            f"<title>{escape(tip)}</title></path>"
        )
        labels.append(_label(shape, name, text, colour))
    parts += labels
    parts.append("</svg>")
    return "".join(parts)


def _text(
    x: int, y: int, size: int, colour: str, halo: str, css: str, body: str, weight: str = "normal"
) -> str:
    """A label, with a halo of its région's own colour where it runs over a neighbour."""
    return (
        f'<text class="{css}" x="{x}" y="{y}" text-anchor="middle" font-size="{size}" '
        f'fill="{colour}" stroke="{halo}" stroke-width="3" stroke-linejoin="round" '
        f'paint-order="stroke" font-weight="{weight}">{body}</text>'
    )


def _label(shape: Shape, name: str, text: str, colour: str) -> str:
    """Name and figure (``map-full``, desktop and print), and the figure alone in large
    type (``map-compact``, shown instead on a phone by the page's CSS)."""
    x, y = shape.label
    if shape.frame:  # under the island, on the inset's light background
        line = f"{name} {text}".strip()
        full = _text(x, y, 15, INK, "#f8fafc", "map-full", escape(line))
        if not text:  # on a phone, an inset without a figure stays unlabelled
            return full
        return full + _text(x, y + 2, 30, INK, "#f8fafc", "map-compact", escape(text), "bold")
    ink = text_colour(colour)
    lines = _name_lines(name)
    top = y - 9 * (len(lines) - (0 if text else 1))
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else 16}">{escape(part)}</tspan>'
        for i, part in enumerate(lines)
    )
    if text:
        spans += f'<tspan x="{x}" dy="21" font-size="19" font-weight="bold">{escape(text)}</tspan>'
    full = _text(x, top, 14, ink, colour, "map-full", spans)
    if not text:
        return full
    return full + _text(x, y + 10, 32, ink, colour, "map-compact", escape(text), "bold")


def legend(
    steps: list[Step], lang: Lang, none_text: str, decimals: bool = False
) -> list[tuple[str, str]]:
    """(colour, text) of each step, the grey "none" first."""

    def show(value: float) -> str:
        whole = value == int(value)
        return press_number(int(value), lang) if whole else rate_text(value, lang)

    rows = [(NONE, none_text)]
    for step in steps:
        low = step.low if decimals else step.low + 1
        rows.append((step.colour, f"{show(low)} – {show(step.high)}"))
    return rows


def rate_text(value: float, lang: Lang) -> str:
    """A rate per 1,000 children: whole from 10 on, one decimal below (French comma)."""
    if value >= 10:
        return press_number(round(value), lang)
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def views(
    by_region: dict[str, float],
    per_children: dict[str, float | None],
    delivered: bool,
    words: dict[str, str],
    lang: Lang,
) -> list[dict[str, object]]:
    """The map's views for the page: devices delivered (before any delivery, devices on their
    way) and, where some structures gave their number of children, per 1,000 children. Each:
    ``key``, ``tab`` (its button), ``title``, ``svg``, ``legend`` [(colour, text)], ``note``."""
    values: dict[str, float | None] = dict(by_region)
    steps = scale(list(by_region.values()))
    shown = {name: press_number(int(v), lang) for name, v in by_region.items()}
    out: list[dict[str, object]] = [
        {
            "key": "units",
            "tab": words["map_all" if delivered else "map_all_dispatched"],
            "title": words["map_delivered" if delivered else "map_dispatched"],
            "svg": draw(values, shown, steps, words["map_delivered"], lang),
            "legend": legend(steps, lang, words["map_none"]),
            "note": "",
        }
    ]
    if delivered and per_children:
        rates = {name: v for name, v in per_children.items() if v is not None}
        steps = scale(list(rates.values()))
        shown = {
            name: rate_text(v, lang) if v is not None else "< 3" for name, v in per_children.items()
        }
        out.append(
            {
                "key": "children",
                "tab": words["map_children"],
                "title": words["map_children_title"],
                "svg": draw(dict(rates), shown, steps, words["map_children_title"], lang),
                "legend": legend(steps, lang, words["map_unknown"], decimals=True),
                "note": words["map_children_note"],
            }
        )
    return out
