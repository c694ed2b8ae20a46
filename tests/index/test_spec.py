"""A bad spec gets an error naming the spec file and the key; the default spec is valid."""

from __future__ import annotations

import pytest
import yaml

from regint.index.build import compute_index
from regint.index.inputs import CATALOGUE
from regint.index.spec import DEFAULT_SPEC, SpecError, read_spec
from tests.index.frames import hand_panel

BASE = {
    "dimensions": [
        {"id": "d1", "indicators": [{"id": "x1"}, {"id": "x2", "direction": -1}]},
        {"id": "d2", "indicators": [{"id": "x3"}]},
    ],
    "screening": {"min_coverage": 0},
    "outliers": {"method": "none"},
}


def write(tmp_path, doc, name="bad.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def error_of(tmp_path, doc, known=None):
    path = write(tmp_path, doc)
    with pytest.raises(SpecError) as info:
        read_spec(path, known=known)
    assert str(path) in str(info.value)
    return info.value


def test_default_spec_is_valid_and_names_only_catalogued_indicators():
    spec = read_spec(known=set(CATALOGUE))
    assert spec.path == "regint/index/framework.yaml" and len(spec.sha256) == 64
    assert spec.text == DEFAULT_SPEC.read_text(encoding="utf-8")
    assert {d.id for d in spec.dimensions} >= {"trade", "external_orientation", "institutions"}


def test_unknown_indicator_names_its_key(tmp_path):
    err = error_of(tmp_path, BASE, known={"x1", "x2"})
    assert err.key == "dimensions[1].indicators[0].id" and "'x3'" in str(err)


def test_unknown_method_names_its_key_and_the_allowed_ones(tmp_path):
    err = error_of(tmp_path, {**BASE, "normalisation": {"method": "softmax"}})
    assert err.key == "normalisation.method" and "minmax" in str(err)
    err = error_of(tmp_path, {**BASE, "uncertainty": {"vary": {"aggregation": ["median"]}}})
    assert err.key == "uncertainty.vary.aggregation[0]"


def test_negative_weight_is_refused(tmp_path):
    doc = {
        **BASE,
        "dimensions": [{"id": "d1", "weight": -0.5, "indicators": [{"id": "x1"}]}],
    }
    err = error_of(tmp_path, doc)
    assert err.key == "dimensions[0].weight" and "negative" in str(err)


def test_user_weights_must_sum_to_one(tmp_path):
    doc = {
        **BASE,
        "weights": {"method": "user"},
        "dimensions": [
            {"id": "d1", "weight": 0.6, "indicators": [{"id": "x1", "weight": 1.0}]},
            {"id": "d2", "weight": 0.6, "indicators": [{"id": "x3", "weight": 1.0}]},
        ],
    }
    err = error_of(tmp_path, doc)
    assert err.key == "dimensions[*].weight" and "sum to 1" in str(err)


def test_dimension_with_nothing_left_after_screening_is_refused(tmp_path):
    spec = read_spec(write(tmp_path, {**BASE, "screening": {"min_coverage": 0.5}}, "ok.yaml"))
    panel = hand_panel()
    panel.values[:, :, 2] = float("nan")  # x3 (all of d2) has no data
    with pytest.raises(SpecError) as info:
        compute_index(panel, spec)
    assert info.value.key == "dimensions[1]" and "'d2'" in str(info.value)
    assert "ok.yaml" in str(info.value)


def test_unknown_top_level_key_and_bad_samples(tmp_path):
    assert error_of(tmp_path, {**BASE, "weighting": "equal"}).key == "weighting"
    err = error_of(tmp_path, {**BASE, "uncertainty": {"samples": 100}})
    assert err.key == "uncertainty.samples" and "power of two" in str(err)


def test_goalposts_normalisation_needs_goalposts(tmp_path):
    err = error_of(tmp_path, {**BASE, "normalisation": {"method": "goalposts"}})
    assert err.key == "dimensions[0].indicators[0].goalposts"


def test_unreadable_spec_names_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("dimensions: [", encoding="utf-8")
    with pytest.raises(SpecError, match="broken.yaml"):
        read_spec(path)
