"""Inline SVG charts for the HTML report: no script, no network, readable on a phone
(they scale with ``viewBox``) and when printed."""

from __future__ import annotations

from html import escape

from ..messages import Lang
from .figures import press_number

INK, MUTED, GRID = "#1f2937", "#6b7280", "#e5e7eb"
PALETTE = {"portable": "#2563eb", "fixe": "#0d9488", "tablette": "#9333ea", "box_4g": "#ea580c"}
ACCENT = "#2563eb"


def _text(
    x: float,
    y: float,
    content: str,
    anchor: str = "start",
    size: int = 12,
    color: str = INK,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{color}" font-weight="{weight}">{escape(content)}</text>'
    )


def nice_ticks(value: int, most: int = 5) -> list[int]:
    """Round tick values from 0 to at least ``value``, at most ``most`` steps of 1, 2 or 5
    times a power of ten: 1 983 -> 0, 500, 1 000, 1 500, 2 000."""
    if value <= 0:
        return [0, 1]
    magnitude = 1
    while True:
        for unit in (1, 2, 5):
            step = unit * magnitude
            if -(-value // step) <= most:
                return [step * i for i in range(-(-value // step) + 1)]
        magnitude *= 10


def _nice_top(value: int) -> int:
    return nice_ticks(value)[-1]


def cumulative_curve(weeks: list[tuple[str, int]], title: str, lang: Lang = "fr") -> str:
    """The cumulative deliveries week after week, as an area under a line; each week's
    label "S17 (20/04)" is written on two lines under its point."""
    width, height, left, right, top, bottom = 640, 300, 64, 20, 40, 48
    inner_w, inner_h = width - left - right, height - top - bottom
    ticks = nice_ticks(max((value for _, value in weeks), default=0))
    peak = ticks[-1]
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        _text(left, 22, title, size=15, weight="bold"),
    ]
    for value in ticks:
        y = top + inner_h - inner_h * value / peak
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(left - 8, y + 4, press_number(value, lang), "end", 11, MUTED))
    if weeks:
        count = len(weeks)
        xs = [
            left + (inner_w * i / (count - 1) if count > 1 else inner_w / 2) for i in range(count)
        ]
        ys = [top + inner_h - inner_h * value / peak for _, value in weeks]
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
        base = top + inner_h
        colon = " : " if lang == "fr" else ": "
        parts.append(
            f'<polygon class="area" points="{xs[0]:.1f},{base} {line} '
            f'{xs[-1]:.1f},{base}" fill="{ACCENT}" fill-opacity="0.15"/>'
        )
        parts.append(
            f'<polyline class="curve" points="{line}" fill="none" stroke="{ACCENT}" '
            'stroke-width="3" stroke-linejoin="round"/>'
        )
        for (label, value), x, y in zip(weeks, xs, ys, strict=True):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{ACCENT}">'
                f"<title>{escape(label)}{colon}{press_number(value, lang)}</title></circle>"
            )
            week, _, day = label.partition(" (")
            parts.append(_text(x, height - bottom + 16, week, "middle", 11, MUTED))
            parts.append(_text(x, height - bottom + 30, day.rstrip(")"), "middle", 10, MUTED))
        parts.append(
            _text(xs[-1], ys[-1] - 10, press_number(weeks[-1][1], lang), "end", 12, INK, "bold")
        )
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(
    rows: list[tuple[str, int]], title: str, color: str = ACCENT, lang: Lang = "fr"
) -> str:
    """One bar per label (régions), longest first."""
    bar, gap, left, right, top = 18, 8, 210, 70, 40
    width = 640
    height = top + len(rows) * (bar + gap) + 10
    peak = max((value for _, value in rows), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        _text(0, 22, title, size=15, weight="bold"),
    ]
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar + gap)
        length = (width - left - right) * value / peak
        parts.append(_text(left - 8, y + bar - 4, label, "end", 12))
        parts.append(
            f'<rect class="bar" x="{left}" y="{y}" width="{max(length, 1):.1f}" '
            f'height="{bar}" rx="3" fill="{color}"/>'
        )
        parts.append(
            _text(left + length + 6, y + bar - 4, press_number(value, lang), "start", 12, MUTED)
        )
    parts.append("</svg>")
    return "".join(parts)


def type_columns(
    delivered: dict[str, int],
    dispatched: dict[str, int],
    labels: dict[str, str],
    title: str,
    legend: tuple[str, str],
    lang: Lang = "fr",
) -> str:
    """Per device type, units dispatched (light) and delivered (solid)."""
    width, height, left, top, bottom = 640, 300, 40, 76, 40
    peak = _nice_top(max([*dispatched.values(), *delivered.values(), 0]))
    slot = (width - left) / max(len(labels), 1)
    inner_h = height - top - bottom
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        _text(0, 22, title, size=15, weight="bold"),
    ]
    # each legend entry shows the bars' own colours: light for dispatched, solid for delivered
    for start, text, opacity in ((0, legend[0], 0.35), (150, legend[1], 1.0)):
        for index, device in enumerate(labels):
            color = PALETTE.get(device, ACCENT)
            parts.append(
                f'<rect class="swatch" x="{start + index * 7}" y="34" width="7" height="12" '
                f'fill="{color}" fill-opacity="{opacity}"/>'
            )
        parts.append(_text(start + len(labels) * 7 + 6, 45, text, size=12, color=MUTED))
    for index, (device, label) in enumerate(labels.items()):
        x = left + index * slot + slot * 0.2
        column = slot * 0.3
        color = PALETTE.get(device, ACCENT)
        for offset, value, opacity in (
            (0.0, dispatched.get(device, 0), 0.35),
            (column, delivered.get(device, 0), 1.0),
        ):
            bar_h = inner_h * value / peak
            y = top + inner_h - bar_h
            parts.append(
                f'<rect class="bar" x="{x + offset:.1f}" y="{y:.1f}" '
                f'width="{column - 4:.1f}" height="{max(bar_h, 1):.1f}" rx="3" '
                f'fill="{color}" fill-opacity="{opacity}"/>'
            )
            parts.append(
                _text(
                    x + offset + column / 2 - 2,
                    y - 5,
                    press_number(value, lang),
                    "middle",
                    11,
                    MUTED,
                )
            )
        parts.append(_text(x + column - 2, height - bottom + 20, label, "middle", 12))
    parts.append("</svg>")
    return "".join(parts)
