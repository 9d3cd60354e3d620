from __future__ import annotations

import subprocess
import sys

import pytest

import smartgoals


def test_every_public_name_loads_on_first_use() -> None:
    for name in smartgoals.__all__:
        value = getattr(smartgoals, name)
        assert value is not None
        assert name in dir(smartgoals)
    assert smartgoals.Goal.__module__ == "smartgoals.goals"
    assert smartgoals.kpi.__name__ == "smartgoals.kpi"


def test_from_imports_work_as_before() -> None:
    from smartgoals import Timeframe, metrics, score

    assert callable(score)
    assert metrics.get("revenue").key == "revenue"
    assert Timeframe.year(2027).days == 365


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Gaol'"):
        _ = smartgoals.Gaol


def test_importing_the_package_loads_no_feature_module() -> None:
    code = (
        "import sys, smartgoals; "
        "print(sorted(m for m in sys.modules if m.startswith('smartgoals')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['smartgoals', 'smartgoals.exceptions']"
