"""Derive the dashboard's base map from Natural Earth (world-atlas TopoJSON), once, offline.

The shipped ``static/map/central-asia.json`` is this module's output for
``../shared/data-raw/world-atlas/countries-50m.json``; regenerate it with::

    python -m regint.web.mapbuild ../shared/data-raw/world-atlas/countries-50m.json

The map keeps the C5 and their neighbours, clips them to a frame around Central Asia (in
longitude and latitude, Sutherland-Hodgman), projects them with a Lambert conformal conic
projection centred on the region, and writes one SVG path per country. The browser only colours
paths: no projection code and no map library ships with the dashboard. Same input, same bytes.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable
from pathlib import Path

Point = tuple[float, float]
Ring = list[Point]

# ISO 3166 numeric id (as world-atlas spells it) -> ISO3, for the states drawn on the map.
COUNTRIES = {
    "398": "KAZ",
    "417": "KGZ",
    "762": "TJK",
    "795": "TKM",
    "860": "UZB",
    "004": "AFG",
    "156": "CHN",
    "643": "RUS",
    "364": "IRN",
    "586": "PAK",
    "356": "IND",
    "496": "MNG",
    "031": "AZE",
    "051": "ARM",
    "268": "GEO",
    "792": "TUR",
    "368": "IRQ",
}
FRAME = (44.0, 33.0, 92.0, 56.5)  # lon_min, lat_min, lon_max, lat_max
WIDTH = 960.0
LON0, LAT0, PAR1, PAR2 = 67.0, 45.0, 35.0, 52.0
SOURCE_NOTE = (
    "Made with Natural Earth (public domain) admin-0 countries 1:50m, version 4.1.0, via the "
    "world-atlas 2.0.2 TopoJSON (ISC, Copyright 2013-2019 Michael Bostock); clipped, projected "
    "and simplified to SVG paths by regint.web.mapbuild. Natural Earth shows de facto boundaries."
)


def read_topology(path: Path) -> dict:
    """The TopoJSON document at ``path``."""
    return json.loads(path.read_text(encoding="utf-8"))


def compute_arcs(topology: dict) -> list[list[Point]]:
    """Decode the quantised, delta-encoded arcs into longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def compute_ring(arcs: list[list[Point]], indices: Iterable[int]) -> Ring:
    """Join arcs into one ring; a negative index ~i is arc i reversed."""
    ring: Ring = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def compute_polygons(geometry: dict, arcs: list[list[Point]]) -> list[list[Ring]]:
    """The polygons (lists of rings) of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        groups = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        groups = geometry["arcs"]
    else:
        return []
    return [[compute_ring(arcs, ring) for ring in polygon] for polygon in groups]


def compute_clip(ring: Ring, frame: tuple[float, float, float, float] = FRAME) -> Ring:
    """Clip a ring to the frame (Sutherland-Hodgman against each of the four edges)."""
    x0, y0, x1, y1 = frame
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    out = ring
    for inside, cross in edges:
        if not out:
            break
        points, out = out, []
        prev = points[-1]
        for point in points:
            if inside(point):
                if not inside(prev):
                    out.append(cross(prev, point))
                out.append(point)
            elif inside(prev):
                out.append(cross(prev, point))
            prev = point
    return out


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def compute_projection(point: Point) -> Point:
    """Lambert conformal conic (two standard parallels), in unscaled plane units; y grows down."""
    phi1, phi2, phi0 = (math.radians(v) for v in (PAR1, PAR2, LAT0))
    n = math.log(math.cos(phi1) / math.cos(phi2)) / math.log(
        math.tan(math.pi / 4 + phi2 / 2) / math.tan(math.pi / 4 + phi1 / 2)
    )
    f = math.cos(phi1) * math.tan(math.pi / 4 + phi1 / 2) ** n / n
    rho0 = f / math.tan(math.pi / 4 + phi0 / 2) ** n
    lon, lat = point
    rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
    theta = n * math.radians(lon - LON0)
    return (rho * math.sin(theta), -(rho0 - rho * math.cos(theta)))


def compute_path(rings: list[list[Point]], scale: float, origin: Point) -> str:
    """An SVG path ('M x y L ... Z' per ring) in viewBox units rounded to 0.1."""
    parts = []
    for ring in rings:
        last = None
        cmds = []
        for x, y in ring:
            px, py = round((x - origin[0]) * scale, 1), round((y - origin[1]) * scale, 1)
            if (px, py) == last:
                continue
            cmds.append(f"{px:g} {py:g}")
            last = (px, py)
        if len(cmds) >= 3:
            parts.append("M" + "L".join(cmds) + "Z")
    return "".join(parts)


def build_map_asset(source: Path, out: Path) -> dict:
    """Write the clipped, projected map of Central Asia and its neighbours to ``out``."""
    topology = read_topology(source)
    arcs = compute_arcs(topology)
    projected: dict[str, tuple[str, list[list[Point]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = COUNTRIES.get(str(geometry.get("id")))
        if iso3 is None:
            continue
        rings = [
            [compute_projection(p) for p in clipped]
            for polygon in compute_polygons(geometry, arcs)
            for ring in polygon
            if len(clipped := compute_clip(ring)) >= 3
        ]
        projected[iso3] = (geometry["properties"]["name"], rings)
    xs = [x for _, rings in projected.values() for r in rings for x, _ in r]
    ys = [y for _, rings in projected.values() for r in rings for _, y in r]
    scale = WIDTH / (max(xs) - min(xs))
    height = round((max(ys) - min(ys)) * scale, 1)
    asset = {
        "viewBox": f"0 0 {WIDTH:g} {height:g}",
        "source": SOURCE_NOTE,
        "countries": [
            {"iso3": iso3, "name": name, "path": compute_path(rings, scale, (min(xs), min(ys)))}
            for iso3, (name, rings) in sorted(projected.items())
        ],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(asset, separators=(",", ":")) + "\n", encoding="utf-8")
    return asset


MAP_ASSET = Path(__file__).resolve().parent / "static" / "map" / "central-asia.json"

if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    build_map_asset(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else MAP_ASSET)
