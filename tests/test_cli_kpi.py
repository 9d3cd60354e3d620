"""``smartgoals kpi``: percentages and decimal commas in the options."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartgoals.cli import main


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def value(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, "kpi", *argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)["value"]


def test_percentages_in_options(capsys: pytest.CaptureFixture[str]) -> None:
    # ARPA 100 a month at 2.5% monthly churn and 80% margin: 100 × 0.8 ÷ 0.025 = 3200.
    got = value(capsys, "ltv", "--arpa", "100", "--churn-rate", "2.5%", "--gross-margin", "80%")
    assert got == "3200"


def test_decimal_commas_under_decimal_comma(capsys: pytest.CaptureFixture[str]) -> None:
    got = value(capsys, "arpa", "--revenue", "1.250,50", "--customers", "10", "--decimal", ",")
    assert got == "125.05"
    sizes = value(
        capsys, "average_deal_size", "--amounts", "1.250,50", "--amounts", "749,50",
        "--decimal", ",",
    )  # fmt: skip
    assert sizes == "1000"
    cac = value(
        capsys, "cac", "--costs", "sales=1.500,00", "--costs", "ads=500", "--new-customers",
        "4", "--decimal", ",",
    )  # fmt: skip
    assert cac == "500"


def test_decimal_point_mode_reads_thousands_commas(capsys: pytest.CaptureFixture[str]) -> None:
    assert value(capsys, "arpa", "--revenue", "1,250.50", "--customers", "10") == "125.05"
    assert value(capsys, "arpa", "--revenue", "1.250", "--customers", "1", "--decimal", ".") == (
        "1.25"
    )


def test_ambiguous_option_is_an_error_that_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "kpi", "arpa", "--revenue", "1.250", "--customers", "10")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "--revenue '1.250' is ambiguous" in lines[0]
    assert "--decimal" in lines[0]


def test_names_are_not_read_as_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    # include names cost lines; only the amounts are numbers.
    got = value(
        capsys, "cac", "--costs", "sales=3.000", "--costs", "ads=1.000", "--new-customers",
        "4", "--include", "sales", "--decimal", ",",
    )  # fmt: skip
    assert got == "750"


def test_decimal_option_is_listed_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "kpi", "win_rate", "--help")
    assert code == 0
    assert "--decimal {.,,}" in out
    assert "2.5%" in out


CRM = Path(__file__).parent / "data" / "crm"


@pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("narwhals", "polars")),
    reason="--from-file needs the frames extra and polars",
)
class TestFromFile:
    def test_win_rate_by_owner_and_quarter_of_a_hubspot_export(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "kpi", "win_rate", "--from-file", str(CRM / "hubspot-deals.csv"),
            "--preset", "hubspot", "--by", "owner", "--by", "quarter",
        )  # fmt: skip
        assert (code, err) == (0, "")
        assert out.splitlines() == [
            "Deal owner  period     win_rate",
            "Ann Lee     FY2027 Q1       0.5",
            "Ann Lee     FY2027 Q2         1",
            "Bob Stone   FY2027 Q1       0.5",
        ]

    def test_other_deal_kpis_and_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "kpi", "pipeline_coverage", "--from-file", str(CRM / "pipedrive-deals.csv"),
            "--preset", "pipedrive", "--by", "quarter", "--quota", "50000", "--format", "json",
        )  # fmt: skip
        assert code == 0
        assert json.loads(out)["rows"] == [
            {"period": "FY2027 Q1", "pipeline_coverage": 0.0},
            {"period": "FY2027 Q2", "pipeline_coverage": 10.0},
        ]
        code, out, _ = run(
            capsys, "kpi", "sales_cycle_length", "--from-file",
            str(CRM / "salesforce-report.csv"), "--preset", "salesforce-report",
            "--statistic", "median",
        )  # fmt: skip
        # Decided deals' cycles 30, 35, 41, 49, 78 and 33 days: the median is 38.
        assert (code, out.splitlines()[1].split()) == (0, ["38"])

    def test_a_file_without_the_presets_columns_exits_2_with_one_line(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "kpi", "win_rate", "--from-file", str(CRM / "hubspot-deals.csv"),
            "--preset", "pipedrive",
        )  # fmt: skip
        assert (code, out) == (2, "")
        assert len(err.strip().splitlines()) == 1
        assert "the pipedrive export has no column 'Deal - ID' (id)" in err

    def test_an_unknown_outcome_exits_2_naming_the_column(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = (CRM / "pipedrive-deals.csv").read_text(encoding="utf-8")
        path = tmp_path / "deals.csv"
        path.write_text(source.replace(",lost,", ",deleted,", 1), encoding="utf-8")
        code, out, err = run(
            capsys, "kpi", "win_rate", "--from-file", str(path), "--preset", "pipedrive"
        )
        assert (code, out) == (2, "")
        assert len(err.strip().splitlines()) == 1
        assert "column 'Deal - Status': 1 row where it is not a stage the pipedrive" in err

    def test_a_plain_table_needs_no_preset_and_other_kpis_are_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "deals.csv"
        path.write_text(
            "id;owner;created;closed;outcome;amount\n"
            "1;ann;2027-01-04;2027-02-03;won;100\n"
            "2;ann;2027-01-05;2027-02-03;lost;50\n"
            "3;bob;2027-01-06;;open;70\n",
            encoding="utf-8",
        )
        code, out, _ = run(capsys, "kpi", "close_rate", "--from-file", str(path), "--by", "owner")
        assert code == 0
        assert [line.split() for line in out.splitlines()] == [
            ["owner", "close_rate"],
            ["ann", "0.5"],
            ["bob", "0"],
        ]
        code, _, err = run(capsys, "kpi", "ltv", "--from-file", str(path))
        assert code == 2
        assert "--from-file computes win_rate, close_rate" in err


#: Preset → the two-currency sample (the deals of ``tests/test_frames_presets.py``) and how
#: it names Ann Lee and Bob Stone.
TWO_CURRENCIES = {
    "hubspot": ("hubspot-deals-two-currencies.csv", ("Ann Lee", "Bob Stone")),
    "salesforce": (
        "salesforce-opportunities-two-currencies.csv",
        ("0055g000001AnnAAA", "0055g000001BobAAA"),
    ),
    "salesforce-report": ("salesforce-report-two-currencies.csv", ("Ann Lee", "Bob Stone")),
    "pipedrive": ("pipedrive-deals-two-currencies.csv", ("Ann Lee", "Bob Stone")),
}
#: USD→EUR 0.92 from 1 January 2027 and 0.95 from 1 March.
RATES = Path(__file__).parent / "data" / "fx_crm_rates.csv"
HUBSPOT_MIXED = CRM / TWO_CURRENCIES["hubspot"][0]


@pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("narwhals", "polars")),
    reason="--from-file needs the frames extra and polars",
)
class TestFromFileInTwoCurrencies:
    """Bob Stone's three deals and Ann Lee's 18,000 (closed 4 May) are in USD, the rest in EUR.

    At USD→EUR 0.92 from 1 January and 0.95 from 1 March, Bob's won 5,000 (10 Feb) is
    4,600 EUR and Ann's 18,000 is 17,100: Ann's average deal (12,000 + 30,000 + 17,100) ÷ 3
    = 19,700 EUR, Bob's 4,600. In Q2 Bob's open 20,000 (15 May) is 19,000 of pipeline
    against 50,000 − (30,000 + 17,100) = 2,900 still to close.
    """

    @pytest.mark.parametrize("preset", list(TWO_CURRENCIES))
    def test_average_deal_size_by_owner_in_eur(
        self, preset: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        name, (ann, bob) = TWO_CURRENCIES[preset]
        code, out, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(CRM / name),
            "--preset", preset, "--by", "owner", "--fx", str(RATES), "--currency", "eur",
            "--format", "json",
        )  # fmt: skip
        assert (code, err) == (0, "")
        doc = json.loads(out)
        assert (doc["kpi"], doc["preset"], doc["currency"]) == ("average_deal_size", preset, "EUR")
        assert [list(row.values()) for row in doc["rows"]] == [[ann, 19_700.0], [bob, 4_600.0]]

    def test_the_text_table_says_what_was_converted(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(HUBSPOT_MIXED),
            "--preset", "hubspot", "--by", "owner", "--fx", str(RATES), "--currency", "EUR",
        )  # fmt: skip
        assert (code, err) == (0, "")
        assert out.splitlines() == [
            "Deal owner  average_deal_size",
            "Ann Lee                 19700",
            "Bob Stone                4600",
            f"amounts in EUR; USD (4 deals) converted with the rates of {RATES} on each "
            "deal's close date",
        ]

    def test_the_same_values_as_frames_on_the_converted_export(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        import polars as pl

        from smartgoals.frames import average_deal_size, convert_currency, pipeline_coverage
        from smartgoals.money import FxRates

        export = pl.read_csv(HUBSPOT_MIXED).with_columns(
            pl.col("Close Date").str.to_datetime("%Y-%m-%d %H:%M")
        )
        roles = {"amount": "Amount", "currency": "Currency", "date": "Close Date"}
        euros = convert_currency(export, FxRates.from_csv(RATES), to="EUR", columns=roles)
        expected = average_deal_size(euros, preset="hubspot", by="owner").rows()
        code, out, _ = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(HUBSPOT_MIXED),
            "--preset", "hubspot", "--by", "owner", "--fx", str(RATES), "--currency", "EUR",
            "--format", "json",
        )  # fmt: skip
        assert code == 0
        assert [tuple(r.values()) for r in json.loads(out)["rows"]] == expected
        coverage = pipeline_coverage(euros, 50_000, preset="hubspot", period="quarter")
        code, out, _ = run(
            capsys, "kpi", "pipeline_coverage", "--from-file", str(HUBSPOT_MIXED),
            "--preset", "hubspot", "--by", "quarter", "--quota", "50000", "--fx", str(RATES),
            "--currency", "EUR", "--format", "json",
        )  # fmt: skip
        assert code == 0
        rows = json.loads(out)["rows"]
        assert [tuple(r.values()) for r in rows] == coverage.rows()
        assert rows == [
            {"period": "FY2027 Q1", "pipeline_coverage": 0.0},
            {"period": "FY2027 Q2", "pipeline_coverage": 19_000 / 2_900},
        ]

    def test_converting_to_usd_needs_no_rate_for_a_deal_worth_nothing(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # Ann's open EUR deal has no amount and no close date: no rate is needed for it.
        # Her EUR wins convert at the inverse rates: 12,000 ÷ 0.92 (3 Feb) = 13,043.48 and
        # 30,000 ÷ 0.95 (20 Apr) = 31,578.95; with her USD 18,000 the mean is 62,622.43 ÷ 3.
        code, out, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(HUBSPOT_MIXED),
            "--preset", "hubspot", "--by", "owner", "--fx", str(RATES), "--currency", "USD",
            "--format", "json",
        )  # fmt: skip
        assert (code, err) == (0, "")
        doc = json.loads(out)
        assert doc["currency"] == "USD"
        assert [list(r.values()) for r in doc["rows"]] == [
            ["Ann Lee", pytest.approx(62_622.43 / 3, rel=1e-15)],
            ["Bob Stone", 5_000.0],
        ]

    def test_without_fx_a_two_currency_export_exits_2_naming_both(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(HUBSPOT_MIXED),
            "--preset", "hubspot", "--by", "owner",
        )  # fmt: skip
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            f"smartgoals: error: {HUBSPOT_MIXED} holds amounts in EUR (4 deals) and USD "
            "(4 deals) (column 'Currency'), which do not add up as they are; give --fx FILE "
            "--currency CODE to convert them to one currency (FILE: exchange rates, a CSV "
            "file with the columns date,from,to,rate)"
        ]
        assert "convert_currency(" not in err

    def test_fx_without_currency_on_a_two_currency_export_exits_2(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "kpi", "pipeline_coverage", "--from-file", str(HUBSPOT_MIXED),
            "--preset", "hubspot", "--quota", "50000", "--fx", str(RATES),
        )  # fmt: skip
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            f"smartgoals: error: {HUBSPOT_MIXED} holds amounts in EUR (4 deals) and USD "
            "(4 deals) (column 'Currency'), which do not add up as they are; give --currency "
            "CODE to say which currency --fx converts them to"
        ]

    def test_currency_without_fx_exits_2_before_reading_the_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(tmp_path / "missing.csv"),
            "--preset", "hubspot", "--currency", "EUR",
        )  # fmt: skip
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            "smartgoals: error: --currency EUR needs --fx FILE: the exchange rates to convert "
            "the amounts with (a CSV file with the columns date,from,to,rate)"
        ]
        code, _, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(HUBSPOT_MIXED),
            "--preset", "hubspot", "--fx", str(RATES), "--currency", "euro",
        )  # fmt: skip
        assert code == 2
        assert err.splitlines() == [
            "smartgoals: error: --currency: a currency must be an ISO 4217 code such as "
            "'EUR' or 'USD', got 'euro'"
        ]

    def test_a_missing_rate_exits_2_naming_the_pair_and_the_date(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # Rates only from 1 March: Bob's 5,000 closed on 10 February has none.
        rates = tmp_path / "rates.csv"
        rates.write_text("date,from,to,rate\n2027-03-01,USD,EUR,0.95\n", encoding="utf-8")
        code, out, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(HUBSPOT_MIXED),
            "--preset", "hubspot", "--fx", str(rates), "--currency", "EUR",
        )  # fmt: skip
        assert (code, out) == (2, "")
        lines = err.splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(
            f"smartgoals: error: {HUBSPOT_MIXED}, with the rates of {rates}: 4 rows in USD "
            "cannot be converted to EUR (column 'Amount', the first dated 2027-02-10): no "
            "exchange rate from USD to EUR on 2027-02-10"
        )

    def test_one_currency_needs_no_currency_option_and_counts_take_no_fx(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # The Pipedrive sample is all in EUR: (12,000 + 30,000 + 5,000 + 18,000) ÷ 4.
        code, out, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(CRM / "pipedrive-deals.csv"),
            "--preset", "pipedrive", "--fx", str(RATES), "--format", "json",
        )  # fmt: skip
        assert (code, err) == (0, "")
        assert json.loads(out)["currency"] == "EUR"
        assert json.loads(out)["rows"] == [{"average_deal_size": 16_250.0}]
        code, _, err = run(
            capsys, "kpi", "win_rate", "--from-file", str(HUBSPOT_MIXED), "--preset",
            "hubspot", "--fx", str(RATES),
        )  # fmt: skip
        assert code == 2
        assert "unrecognized arguments: --fx" in err

    def test_fx_on_converts_an_open_deal_without_a_close_date(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        # Bob's open USD 10,000 has no close date yet: refused without --fx-on, converted
        # at the rate of --fx-on with it (0.95 from 1 March: 9,500). His pipeline is then
        # 19,000 + 9,500 EUR against 50,000 − 4,600 still to close.
        export = tmp_path / "deals.csv"
        export.write_text(
            HUBSPOT_MIXED.read_text()
            + "109,Cyberdyne add-on,Contract Sent,10000,USD,,2027-05-20 10:00,Bob Stone,"
            "Sales Pipeline\n"
        )
        argv = (
            "kpi", "pipeline_coverage", "--from-file", str(export), "--preset", "hubspot",
            "--by", "owner", "--quota", "50000", "--fx", str(RATES), "--currency", "EUR",
            "--format", "json",
        )  # fmt: skip
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            f"smartgoals: error: {export}, converting to EUR: column 'Close Date' is null on "
            "1 row in USD; an amount in USD needs its date to find the USD→EUR rate (give "
            "--fx-on DATE to convert rows without a date at the rates of that day, such as "
            "the day of a pipeline's snapshot)"
        ]
        code, out, err = run(capsys, *argv, "--fx-on", "2027-06-01")
        assert (code, err) == (0, "")
        rows = {r["Deal owner"]: r["pipeline_coverage"] for r in json.loads(out)["rows"]}
        assert rows["Bob Stone"] == pytest.approx(28_500 / 45_400, rel=1e-12)
        code, out, err = run(capsys, *argv, "--fx-on", "1-6-2027")
        assert code == 2
        assert "--fx-on must be a date written as YYYY-MM-DD" in err

    def test_currency_on_an_export_without_a_currency_column_exits_2(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(CRM / "hubspot-deals.csv"),
            "--preset", "hubspot", "--fx", str(RATES), "--currency", "EUR",
        )  # fmt: skip
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            f"smartgoals: error: --currency EUR: {CRM / 'hubspot-deals.csv'} has no currency "
            "column (the hubspot preset reads it from 'Currency'), so the currency of its "
            "amounts is unknown; leave out --fx and --currency for an export in one currency"
        ]

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        first=st.decimals("0.5", "2", places=4),
        second=st.decimals("0.5", "2", places=4),
    )
    def test_any_rates_give_what_frames_gives_on_the_converted_export(
        self,
        first: Decimal,
        second: Decimal,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        import polars as pl

        from smartgoals.frames import average_deal_size, convert_currency
        from smartgoals.money import FxRates

        rates = tmp_path / "rates.csv"
        rates.write_text(
            f"date,from,to,rate\n2027-01-01,USD,EUR,{first}\n2027-03-01,USD,EUR,{second}\n",
            encoding="utf-8",
        )
        export = pl.read_csv(HUBSPOT_MIXED).with_columns(
            pl.col("Close Date").str.to_datetime("%Y-%m-%d %H:%M")
        )
        roles = {"amount": "Amount", "currency": "Currency", "date": "Close Date"}
        euros = convert_currency(export, FxRates.from_csv(rates), to="EUR", columns=roles)
        code, out, err = run(
            capsys, "kpi", "average_deal_size", "--from-file", str(HUBSPOT_MIXED),
            "--preset", "hubspot", "--by", "owner", "--fx", str(rates), "--currency", "EUR",
            "--format", "json",
        )  # fmt: skip
        assert (code, err) == (0, "")
        got = [tuple(r.values()) for r in json.loads(out)["rows"]]
        assert got == average_deal_size(euros, preset="hubspot", by="owner").rows()
        # Bob's one win, 5,000 USD on 10 February, is at the first rate, to the cent.
        assert got[1] == ("Bob Stone", float((5000 * first).quantize(Decimal("0.01"))))


def test_kpi_without_from_file_imports_no_frame_engine() -> None:
    script = (
        "import sys; from smartgoals.cli import main; "
        "main(['kpi', 'win_rate', '--won', '3', '--lost', '1']); "
        "print(sorted(m for m in ('narwhals', 'polars', 'pandas', 'smartgoals.money', "
        "'smartgoals.frames') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("places", ["-3", "13", "two"])
def test_places_outside_the_documented_range_exit_2(
    places: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kpi", "win_rate", "--won", "30", "--lost", "70", "--places", places]) == 2
    assert "--places: must be a whole number from 0 to 12" in capsys.readouterr().err


def test_places_at_the_bounds_round_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "win_rate", "--won", "1", "--lost", "2", "--places", "0"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "win_rate: 0"
    assert main(["kpi", "win_rate", "--won", "1", "--lost", "2", "--places", "12"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "win_rate: 0.333333333333"


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        ("[" * 5000 + "]" * 5000, "--amounts: JSON nested 5000 levels deep; at most 64 are read"),
        ("[1e400, 2]", "--amounts: number must be a number"),
        ("[" + "9" * 4301 + "]", "number of 4,301 characters is too long"),
    ],
)
def test_json_arguments_of_any_depth_or_size_exit_2_with_one_line(
    amounts: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kpi", "average_deal_size", "--amounts", amounts]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert message in err[0]


@pytest.mark.parametrize("won", ["1" * 200, "1" + "0" * 101, "1e999999"])
def test_huge_numbers_are_refused_at_once(won: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpi", "win_rate", "--won", won, "--lost", "70"]) == 2
    assert "--won" in capsys.readouterr().err
