"""Builds ``data/regions_map.csv``, the outlines of the 18 régions the HTML report draws,
from IGN's ADMIN EXPRESS outlines (GeoJSON, WGS 84, Licence Ouverte). Standard library only:

    python -m ordis_cli.report.map_build /work/shared/geo [--out ordis_cli/data/regions_map.csv]

Metropolitan France is projected in Lambert-93 (RGF93, the official conformal projection of
IGN: the shapes and the north-south proportions the French know from every official map); the
five overseas régions, which Lambert-93 does not cover, are each drawn in its own inset at its
own scale, in an equirectangular projection scaled by cos(latitude) at the inset's centre
(conformal at that latitude, accurate enough over a few tens of kilometres). Outlines are
simplified with Douglas–Peucker between the points where a border changes neighbour, so two
régions sharing a border keep exactly the same simplified line (no gap, no overlap), then
rounded to whole units of the drawing. Islands smaller than a few units are left out. Each row
of the CSV: région code and name, where its label goes, the inset's frame (empty for the
metropolitan régions) and the SVG path, in relative coordinates.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import math
import sys
from pathlib import Path
from typing import Any

SOURCE_FILE = "regions-avec-outre-mer.geojson"
OUTPUT = Path(__file__).resolve().parents[1] / "data" / "regions_map.csv"
WIDTH, HEIGHT = 1000, 800
INSET_W, GAP = 170, 10
METRO_LEFT = INSET_W + 30  # the metropolitan map fills x in [METRO_LEFT, WIDTH]
OVERSEAS = ("01", "02", "03", "04", "06")  # Guadeloupe, Martinique, Guyane, La Réunion, Mayotte
TOLERANCE = 0.7  # Douglas–Peucker tolerance, in units of the drawing
SMALLEST = 6.0  # islands under this area (square units) are left out
LABEL_ROOM = 24  # at the bottom of an inset's frame, for its label

Point = tuple[float, float]


_A, _E = 6378137.0, 0.0818191910428158  # GRS 80: semi-major axis, eccentricity
_LON0, _X0, _Y0 = math.radians(3.0), 700000.0, 6600000.0


def _m(phi: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (_E * math.sin(phi)) ** 2)


def _t(phi: float) -> float:
    s = _E * math.sin(phi)
    return float(math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (_E / 2))


def _cone() -> tuple[float, float, float]:
    """Lambert-93's cone (standard parallels 44° and 49°, origin 46.5° N): its exponent n,
    a·F, and the radius at the origin (computed once: the same for every point)."""
    phi0, phi1, phi2 = (math.radians(v) for v in (46.5, 44.0, 49.0))
    n = (math.log(_m(phi1)) - math.log(_m(phi2))) / (math.log(_t(phi1)) - math.log(_t(phi2)))
    af = _A * (_m(phi1) / (n * _t(phi1) ** n))
    return n, af, af * _t(phi0) ** n


_N, _AF, _RHO0 = _cone()


def lambert93(lon: float, lat: float) -> Point:
    """Lambert-93 (EPSG:2154) easting and northing of a WGS 84 point, in metres."""
    rho = _AF * _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LON0)
    return float(_X0 + rho * math.sin(theta)), float(_Y0 + _RHO0 - rho * math.cos(theta))


def _polygons(feature: dict[str, Any]) -> list[list[list[Point]]]:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [[[(float(x), float(y)) for x, y in ring] for ring in polygon] for polygon in polygons]


def _fixed_points(features: list[dict[str, Any]]) -> set[Point]:
    """The points where a border changes neighbour (or meets the sea): simplification keeps
    them, so both sides of a shared border are simplified between the same ends."""
    owners: dict[Point, set[str]] = {}
    for feature in features:
        for polygon in _polygons(feature):
            for ring in polygon:
                for point in ring:
                    owners.setdefault(point, set()).add(feature["properties"]["code"])
    fixed: set[Point] = set()
    for feature in features:
        for polygon in _polygons(feature):
            for ring in polygon:
                closed = ring[:-1] if ring[0] == ring[-1] else ring
                for i, point in enumerate(closed):
                    before, after = closed[i - 1], closed[(i + 1) % len(closed)]
                    if not owners[before] == owners[point] == owners[after]:
                        fixed.add(point)
                if closed:
                    fixed.add(min(closed))  # every ring has at least one fixed point
    return fixed


def _douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, where = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > worst:
                worst, where = distance, i
        if worst > tolerance:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _simplify(ring: list[Point], fixed: set[Point], project: object) -> list[Point]:
    """The ring projected (``project``: source point -> drawing point) and simplified
    piece by piece between its fixed points."""
    closed = ring[:-1] if ring[0] == ring[-1] else ring
    start = next(i for i, p in enumerate(closed) if p in fixed)
    closed = closed[start:] + closed[:start] + [closed[start]]
    assert callable(project)
    out: list[Point] = []
    piece: list[Point] = [project(closed[0])]
    for point in closed[1:]:
        piece.append(project(point))
        if point in fixed:
            out += _douglas_peucker(piece, TOLERANCE)[:-1]
            piece = [piece[-1]]
    rounded: list[Point] = []
    for x, y in out:
        point = (float(round(x)), float(round(y)))
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    while len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    return rounded


def _area(ring: list[Point]) -> float:
    return (
        abs(
            sum(
                x0 * y1 - x1 * y0
                for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


def _path(rings: list[list[Point]]) -> str:
    """SVG path data in relative coordinates: ``M12 34l3 -1 2 0z``."""
    parts = []
    for ring in rings:
        (x, y), steps = ring[0], []
        for px, py in ring[1:]:
            steps.append(f"{int(px - x)} {int(py - y)}")
            x, y = px, py
        parts.append(f"M{int(ring[0][0])} {int(ring[0][1])}l{' '.join(steps)}z")
    return "".join(parts).replace(" -", "-")


def _crossings(y: float, ring: list[Point]) -> list[float]:
    """Where the sides of ``ring`` cross the line at height ``y``: a point of that line is
    inside when an odd number of them lie to its right (even-odd rule)."""
    return [
        (x1 - x0) * (y - y0) / (y1 - y0) + x0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
        if (y0 > y) != (y1 > y)
    ]


Edge = tuple[float, float, float, float, float]


def _edges(ring: list[Point]) -> list[Edge]:
    """Each side of ``ring``: its start, its run and rise, and its squared length (1 for a
    side of no length)."""
    return [
        (x0, y0, x1 - x0, y1 - y0, (x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0) or 1)
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
    ]


def _edge_distance(
    point: Point, edges: list[Edge], beats: float, plus: float, near: list[Edge]
) -> float | None:
    """The distance from ``point`` to the nearest of ``edges``; None as soon as it is known
    that the distance plus ``plus`` cannot be above ``beats`` (the label's best room so far:
    such a point cannot win, and the other sides need not be measured). ``near[0]``, the
    side found nearest last time, is measured first (the grid's next point is close by):
    the least distance is the same in any order, a losing point is seen sooner."""
    px, py = point
    best, nearest = math.inf, near[0]
    for edge in itertools.chain(near, edges):
        x0, y0, dx, dy, length2 = edge
        share = ((px - x0) * dx + (py - y0) * dy) / length2
        share = 0.0 if share < 0.0 else 1.0 if share > 1.0 else share
        distance = math.hypot(px - x0 - share * dx, py - y0 - share * dy)
        if distance < best:
            best, nearest = distance, edge
            if best + plus <= beats:
                near[0] = nearest
                return None
    near[0] = nearest
    return best


def _room(point: Point, edges: list[Edge], beats: float, near: list[list[Edge]]) -> float | None:
    """The room around ``point`` (its distance to the edges, or 10 more than the distance of
    the points 20 units to its left and right, whichever is least); None when it cannot be
    above ``beats``: such a point loses, and is left at its first measure that shows it."""
    room = _edge_distance(point, edges, beats, 0.0, near[0])
    for side, hint in ((-20, near[1]), (20, near[2])):
        if room is None:
            return None
        beside = _edge_distance((point[0] + side, point[1]), edges, beats, 10.0, hint)
        room = None if beside is None else min(room, beside + 10)
    return room


def label_point(rings: list[list[Point]]) -> Point:
    """The point of the largest piece farthest from its edges, found on a fine grid, a little
    favouring wide room (labels are wider than tall)."""
    main = max(rings, key=_area)
    edges = _edges(main)
    xs, ys = [p[0] for p in main], [p[1] for p in main]
    best, spot = -1.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    steps = 40
    heights = [min(ys) + (max(ys) - min(ys)) * j / steps for j in range(1, steps)]
    crossings = [_crossings(y, main) for y in heights]
    near = [[edges[0]] for _ in range(3)]  # the nearest side last found, for each measure
    for i in range(1, steps):
        x = min(xs) + (max(xs) - min(xs)) * i / steps
        for y, crossed in zip(heights, crossings, strict=True):
            if sum(x < c for c in crossed) % 2:
                room = _room((x, y), edges, best, near)
                if room is not None and room > best:
                    best, spot = room, (x, y)
    return float(round(spot[0])), float(round(spot[1]))


def build(geo: Path) -> str:
    """The CSV text of ``data/regions_map.csv`` from the folder of the GeoJSON files."""
    features = json.loads((geo / SOURCE_FILE).read_text(encoding="utf-8"))["features"]
    fixed = _fixed_points(features)
    metro = [f for f in features if f["properties"]["code"] not in OVERSEAS]
    corners = [
        lambert93(*point)
        for feature in metro
        for polygon in _polygons(feature)
        for point in polygon[0]
    ]
    left, right = min(c[0] for c in corners), max(c[0] for c in corners)
    bottom, top = min(c[1] for c in corners), max(c[1] for c in corners)
    scale = min((WIDTH - METRO_LEFT - 10) / (right - left), (HEIGHT - 20) / (top - bottom))

    def metro_point(point: Point) -> Point:
        x, y = lambert93(*point)
        return METRO_LEFT + (x - left) * scale, 10 + (top - y) * scale

    rows = []
    box_h = (HEIGHT - GAP * (len(OVERSEAS) + 1)) / len(OVERSEAS)
    for feature in sorted(features, key=lambda f: f["properties"]["code"]):
        code, name = feature["properties"]["code"], feature["properties"]["nom"]
        polygons = _polygons(feature)
        box = ""
        project = metro_point
        if code in OVERSEAS:
            index = OVERSEAS.index(code)
            frame = (GAP, GAP + index * (box_h + GAP), INSET_W, box_h)
            box = " ".join(str(round(v)) for v in frame)
            outer = [p for polygon in polygons for p in polygon[0]]
            lat0 = (min(p[1] for p in outer) + max(p[1] for p in outer)) / 2
            cos0 = math.cos(math.radians(lat0))
            x_min, x_max = min(p[0] for p in outer) * cos0, max(p[0] for p in outer) * cos0
            y_min, y_max = min(p[1] for p in outer), max(p[1] for p in outer)
            room_w, room_h = frame[2] - 16, frame[3] - LABEL_ROOM - 12
            k = min(room_w / (x_max - x_min), room_h / (y_max - y_min))
            dx = frame[0] + (frame[2] - (x_max - x_min) * k) / 2
            dy = frame[1] + 6 + (room_h - (y_max - y_min) * k) / 2

            def project(
                point: Point,
                k: float = k,
                dx: float = dx,
                dy: float = dy,
                c: float = cos0,
                x0: float = x_min,
                y1: float = y_max,
            ) -> Point:
                return dx + (point[0] * c - x0) * k, dy + (y1 - point[1]) * k

        rings = [
            ring
            for polygon in polygons
            for ring in (_simplify(r, fixed, project) for r in polygon)
            if len(ring) >= 3
        ]
        largest = max(_area(r) for r in rings)
        rings = [r for r in rings if _area(r) >= SMALLEST or _area(r) == largest]
        if box:
            x, y, w, h = (float(v) for v in box.split())
            label = (round(x + w / 2), round(y + h - 8))
        else:
            spot = label_point(rings)
            label = (int(spot[0]), int(spot[1]))
        rows.append([code, name, label[0], label[1], box, _path(rings)])
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["code", "nom", "label_x", "label_y", "cadre", "trace"])
    writer.writerows(rows)
    return text.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("geo", type=Path, help="folder holding " + SOURCE_FILE)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = build(args.geo)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text.encode()) // 1024} KB, {text.count(chr(10)) - 1} régions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
