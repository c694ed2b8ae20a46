"""The strict CSV helpers the readers share: a bad cell fails naming its row."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from regint.core.errors import DataError
from regint.sources.validate import parse_numbers


@given(st.lists(st.floats(min_value=0, max_value=1e12, allow_nan=False), min_size=1, max_size=20))
def test_parse_numbers_reads_back_what_was_written(values: list[float]) -> None:
    frame = pd.DataFrame({"v": [repr(v) for v in values]})
    assert parse_numbers(frame, "v", Path("x.csv")).tolist() == values


def test_parse_numbers_names_the_row_of_a_bad_cell() -> None:
    frame = pd.DataFrame({"v": ["1", "2", "x", "-1"]})
    with pytest.raises(DataError) as caught:
        parse_numbers(frame, "v", Path("x.csv"))
    assert caught.value.row == 3
    with pytest.raises(DataError, match="negative") as caught:
        parse_numbers(frame.drop(index=2), "v", Path("x.csv"))
    assert caught.value.row == 4
