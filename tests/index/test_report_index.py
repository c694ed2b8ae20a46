"""The report's index section renders a built index: charts with sources, intervals, assumptions."""

from __future__ import annotations

import pytest

from regint.api.index import build_index
from regint.report.index_section import render_index


@pytest.fixture(scope="module")
def html(index_warehouse):
    built = build_index(samples=8, warehouse=index_warehouse)
    return render_index(built)


def test_index_section_has_charts_with_sources_and_the_assumptions(html):
    assert html.count("<svg") == 3  # grouping scores, state scores, sensitivity
    assert html.count('class="source"') == 3 and "spec sha256" in html
    assert "Held fixed" in html and "normalisation" in html
    assert "Dimension profile in" in html


def test_missing_index_says_why():
    assert "could not be built here: no data" in render_index(None, "no data")
