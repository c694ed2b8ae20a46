"""The shipped base map is the output of regint.web.mapbuild on the Natural Earth TopoJSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regint.web.mapbuild import FRAME, MAP_ASSET, build_map_asset, compute_clip


def test_shipped_map_has_the_c5_and_their_neighbours():
    asset = json.loads(MAP_ASSET.read_text())
    codes = {c["iso3"] for c in asset["countries"]}
    assert {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "CHN", "RUS", "IRN"} <= codes
    assert all(c["path"].startswith("M") for c in asset["countries"])
    assert "Natural Earth" in asset["source"]


@pytest.mark.rawdata
def test_shipped_map_is_regenerated_byte_for_byte(raw_dir, tmp_path):
    out = tmp_path / "map.json"
    build_map_asset(raw_dir / "world-atlas" / "countries-50m.json", out)
    assert out.read_bytes() == MAP_ASSET.read_bytes()


coord = st.tuples(st.floats(0, 140), st.floats(0, 80))


@given(st.lists(coord, min_size=3, max_size=30))
def test_a_clipped_ring_stays_inside_the_frame(ring):
    x0, y0, x1, y1 = FRAME
    for x, y in compute_clip(ring):
        assert x0 - 1e-9 <= x <= x1 + 1e-9 and y0 - 1e-9 <= y <= y1 + 1e-9
