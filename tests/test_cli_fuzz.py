"""Fuzzing the command line's parsers: any argument gives a result or exit 2 and one line.

``smartgoals kpi`` reads numbers in both locales (with ``--decimal``), percentages and
``--places``; ``smartgoals check`` reads goal statements, ``--as-of`` and
``--fiscal-year-start``. Whatever they are given, a command answers (exit 0, or 1 for a
goal that is not SMART) or refuses with exit code 2 and one line on standard error (a
usage error shows the command's usage above it), never a traceback.

The example count is modest in CI; set ``SMARTGOALS_FUZZ_EXAMPLES`` (e.g. 20000) for a
long run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from smartgoals.cli import main
from test_language_fuzz import mutated_goals

EXAMPLES = int(os.environ.get("SMARTGOALS_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        # each example runs in the same temporary directory, which holds no settings
        HealthCheck.function_scoped_fixture,
    ],
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No pyproject.toml of the checkout (or above it) may leak settings into a test.
    monkeypatch.chdir(tmp_path)


def _run(capsys: pytest.CaptureFixture[str], argv: list[str], answers: set[int]) -> str:
    """Run ``argv``; check it answers with one of ``answers`` or refuses in one line."""
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, argv
    if code == 2:
        # one message; a usage error shows the command's usage above it, as argparse does
        messages = [line for line in err.splitlines() if not line.startswith(("usage:", " "))]
        assert len(messages) == 1, (argv, err)
        assert messages[0].strip(), argv
        assert not out, argv
    else:
        assert code in answers, (argv, code, err)
        assert out, argv
    return out


def _numbers() -> st.SearchStrategy[str]:
    """Numbers as people and scripts type them, right and wrong."""
    plain = st.integers(-(10**15), 10**15).map(str)
    english = st.integers(0, 10**12).map(lambda n: f"{n:,}")
    dutch = english.map(lambda s: s.replace(",", "."))
    fraction = st.decimals(-(10**6), 10**6, places=3, allow_nan=False).map(str)
    percent = st.integers(0, 200).map(lambda n: f"{n}%")
    odd = st.sampled_from(
        ["1e999999", "1e-999999", "-0", "NaN", "inf", "-Infinity", "1_000", "0x10", "", " ",
         "1" * 4301, "9" * 101, "1.250", "1,250", "1.250,50", "1,250.50", "12,5%", "½", "١٢",
         "1e100", "1e101", "--1", "+5", "5 000", "[1]", "{}", "\x00", "1\n2"]
    )  # fmt: skip
    return plain | english | dutch | fraction | percent | odd | st.text(max_size=12)


_PLACES = st.none() | st.integers(-5, 20).map(str) | st.sampled_from(["x", "1.5", "9" * 50])
_DECIMAL = st.none() | st.sampled_from([".", ","])


@FUZZ
@given(_numbers(), _numbers(), _PLACES, _DECIMAL)
@example("1e999999", "1", None, None)
@example("1" * 4301, "1", None, None)
@example("1", "1", "-3", None)
@example("1e99999999999999999999", "1", None, None)
@example("12,5%", "1", None, ",")
def test_kpi_numbers_give_a_result_or_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    won: str,
    lost: str,
    places: str | None,
    decimal: str | None,
) -> None:
    argv = ["kpi", "win_rate", f"--won={won}", f"--lost={lost}"]
    if places is not None:
        argv.append(f"--places={places}")
    if decimal is not None:
        argv.append(f"--decimal={decimal}")
    out = _run(capsys, argv, {0})
    if out:
        assert out.startswith("win_rate: ")


@FUZZ
@given(
    mutated_goals(),
    st.none() | st.dates().map(str) | st.text(max_size=12),
    st.none() | st.sampled_from(["1", "4", "12", "02-29", "13", "0", "4-31", "x", "4-1-1", "-1"]),
)
@example("Reduce revenue by 200%", None, None)
@example("Increase revenue by 10% in a year", "9999-01-01", None)
@example("Increase revenue by 10% FY2027H" + "1" * 4301, None, "4")
@example("Increase revenue by 10% 2027-6-9999999999", None, None)
def test_check_statements_give_a_scorecard_or_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    statement: str,
    as_of: str | None,
    fiscal_start: str | None,
) -> None:
    argv = ["check", "--isolated"]
    if as_of is not None:
        argv.append(f"--as-of={as_of}")
    if fiscal_start is not None:
        argv.append(f"--fiscal-year-start={fiscal_start}")
    # "--" keeps a statement that starts with "-" a statement
    _run(capsys, [*argv, "--", statement], {0, 1})


@pytest.mark.parametrize("start", ["-1", "4-", "9" * 4301], ids=["-1", "4-", "4301 nines"])
def test_a_fiscal_year_start_with_an_empty_or_huge_part_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], start: str
) -> None:
    # no answer is right: the start must be refused
    _run(capsys, ["check", "--isolated", f"--fiscal-year-start={start}", "--", "Grow"], set())
