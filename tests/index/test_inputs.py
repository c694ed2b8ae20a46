"""The index's inputs: knowledge-base counts checked against the records, WDI ratios by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from regint.api.knowledge import load_kb
from regint.core.regions import C5_REGION, Region
from regint.index.inputs import CATALOGUE, compute_kb_inputs, compute_wdi_inputs
from regint.index.spec import read_spec


@pytest.fixture(scope="module")
def kb_inputs():
    frame = compute_kb_inputs(load_kb(), C5_REGION, [2005, 2010, 2015, 2016, 2017, 2021, 2022])
    return frame.set_index(["country", "year", "indicator"])["value"]


def test_clashes_count_the_last_five_years_only(kb_inputs):
    # KGZ-UZB June 2010; KGZ-TJK April 2021 and September 2022 (data/knowledge/events.yaml).
    assert kb_inputs[("KGZ", 2010, "member_clashes")] == 1
    assert kb_inputs[("KGZ", 2015, "member_clashes")] == 0  # 2010 is outside 2011-2015
    assert kb_inputs[("KGZ", 2022, "member_clashes")] == 2
    assert kb_inputs[("TKM", 2022, "member_clashes")] == 0


def test_shared_depth_follows_membership_on_1_july(kb_inputs):
    assert kb_inputs[("KAZ", 2005, "shared_depth")] == 3  # EurAsEC customs union with KGZ, TJK
    assert kb_inputs[("KAZ", 2015, "shared_depth")] == 2  # KGZ joined the EAEU in August 2015
    assert kb_inputs[("KAZ", 2016, "shared_depth")] == 4  # EAEU common market with KGZ


def test_outside_dialogues_and_global_organisations_are_not_shared_institutions():
    kb = load_kb()
    pair = Region.fixed("kaz_usa", "KAZ and USA", ["KAZ", "USA"])
    frame = compute_kb_inputs(kb, pair, [2019]).set_index(["country", "indicator"])["value"]
    # The C5+1 format records only the C5 side, so it cannot tie KAZ to the USA.
    assert frame[("KAZ", "shared_memberships")] == 0


def test_wdi_series_pass_through_and_missing_stays_missing():
    wdi = pd.DataFrame(
        [("KGZ", 2010, "tg.val.totl.gd.zs", 80.0), ("KGZ", 2011, "tg.val.totl.gd.zs", None)],
        columns=["country", "year", "indicator", "value"],
    )
    out = compute_wdi_inputs(wdi).set_index(["country", "year", "indicator"])["value"]
    assert out[("KGZ", 2010, "trade_openness")] == 80.0
    assert ("KGZ", 2011, "trade_openness") not in out.index  # blank, not zero
    assert not any(math.isnan(v) for v in out)


def test_every_framework_indicator_is_documented():
    spec = read_spec()
    for dim in spec.dimensions:
        for ind in dim.indicators:
            meta = CATALOGUE[ind.id]
            assert meta.sources and meta.why and meta.unit
            assert ind.direction == meta.direction, ind.id
