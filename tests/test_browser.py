"""The HTML report in a real browser: headless Chromium draws it, on a desktop and on a
phone; the charts are there and nothing is reported on the console."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: .ci/run installs the Debian package chromium")
    pytest.skip("Chromium is not installed here (CI installs it)", allow_module_level=True)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
ACCENT = (0x25, 0x63, 0xEB)


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def page(demo: Path) -> Path:
    return demo / "rapport" / "rapport.html"


def _accent_pixels(path: Path) -> int:
    image = Image.open(path).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    return sum(
        count
        for count, colour in colours
        if all(abs(a - b) < 12 for a, b in zip(colour, ACCENT, strict=True))
    )


@pytest.mark.parametrize(("label", "size"), [("desktop", "1000,1700"), ("phone", "390,2400")])
def test_report_page_is_drawn(page: Path, tmp_path: Path, label: str, size: str) -> None:
    shot = tmp_path / f"{label}.png"
    done = chromium(page, tmp_path / "profile", f"--window-size={size}", f"--screenshot={shot}")
    assert shot.exists(), done.stderr[-2000:]
    assert console_lines(done.stderr) == []
    image = Image.open(shot).convert("RGB")
    assert image.size == tuple(int(v) for v in size.split(","))
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 200  # not a blank page
    assert _accent_pixels(shot) > 5000  # the curve, its points and the région bars


def test_charts_are_in_the_rendered_page(page: Path, tmp_path: Path) -> None:
    done = chromium(page, tmp_path / "profile", "--dump-dom")
    dom = done.stdout
    assert dom.count("<svg") == 3 + dom.count('<svg class="map"')
    assert "<polyline" in dom and dom.count('class="bar"') > 20
    assert console_lines(done.stderr) == []


def test_a_console_error_would_be_seen(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><script>undefinedFunction();</script></body></html>")
    done = chromium(broken, tmp_path / "profile", "--dump-dom")
    assert console_lines(done.stderr)


def _map_pixels(path: Path) -> dict[str, int]:
    """Pixels of each of the map's shades in a screenshot."""
    from ordis_cli.report.regions_map import STEPS

    image = Image.open(path).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    found = {}
    for step in STEPS:
        rgb = tuple(int(step[i : i + 2], 16) for i in (1, 3, 5))
        found[step] = sum(
            count
            for count, colour in colours
            if all(abs(a - b) < 4 for a, b in zip(colour, rgb, strict=True))
        )
    return found


@pytest.mark.parametrize(("label", "size"), [("desktop", "1000,2000"), ("phone", "390,2400")])
def test_the_map_is_drawn_with_every_region(
    page: Path, tmp_path: Path, label: str, size: str
) -> None:
    done = chromium(page, tmp_path / "profile", f"--window-size={size}", "--dump-dom")
    dom = done.stdout
    first_map = dom[
        dom.index('<svg class="map"') : dom.index("</svg>", dom.index('<svg class="map"'))
    ]
    fills = re.findall(r'<path class="region" data-code="(\w+)" d="[^"]+" fill="(#\w+)"', first_map)
    assert len(fills) == 18 and len({code for code, _ in fills}) == 18
    assert all(fill.lower() not in {"#fff", "#ffffff"} for _, fill in fills)
    shot = tmp_path / f"{label}.png"
    chromium(page, tmp_path / "profile", f"--window-size={size}", f"--screenshot={shot}")
    pixels = _map_pixels(shot)
    # the shades the régions got are on screen, over a real area
    shown = {fill for _, fill in fills if fill in pixels}
    assert len(shown) >= 3
    area = sum(pixels[fill] for fill in shown)
    assert area > (40_000 if label == "desktop" else 8_000), pixels
    assert all(pixels[fill] > 30 for fill in shown), pixels
