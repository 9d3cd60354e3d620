from __future__ import annotations

import subprocess
import sys

import pytest


def test_importing_smartgoals_loads_no_dataframe_library() -> None:
    code = (
        "import sys, smartgoals, smartgoals.kpi, smartgoals.tracking;"
        "print(sorted(m for m in ('narwhals', 'pandas', 'polars', 'duckdb', 'pyarrow')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_frames_loads_narwhals_but_no_engine() -> None:
    pytest.importorskip("narwhals")
    code = (
        "import sys, smartgoals.frames;"
        "print(sorted(m for m in ('narwhals', 'pandas', 'polars', 'duckdb')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['narwhals']"
