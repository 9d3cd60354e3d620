"""CRM presets: how HubSpot, Salesforce and Pipedrive write a deals export.

A :class:`Preset` is data: a map from deal roles to the export's column names, a map from
pipeline stages to outcomes (won, lost, open), what a stage not in that map means, and how
the export writes dates. Pass one to a deals KPI (``win_rate(export, preset="hubspot")``)
and the export is read as its product wrote it: the outcome comes from the stage, or from
``IsWon``/``IsClosed``, or from Pipedrive's status with the won or lost time as the close
date; dates are read from text; and the KPI runs on the engine the export is in.

Built-in presets (:data:`PRESETS` by name):

* :data:`HUBSPOT` (``"hubspot"``): a HubSpot deals export. "Closed Won" and "Closed
  Lost" decide a deal; **every other stage is open**, as HubSpot treats every stage that
  is not closed. Dates as ``2027-01-04 09:12``.
* :data:`SALESFORCE` (``"salesforce"``): Opportunity records under their API names (Data
  Loader, the REST API, a warehouse copy). The outcome comes from ``IsWon`` and
  ``IsClosed``; ``CreatedDate`` is ISO 8601 with time and zone, ``CloseDate`` a date.
* :data:`SALESFORCE_REPORT` (``"salesforce-report"``): an opportunities report exported
  with its column labels; outcome from the "Won" and "Closed" checkboxes, US dates
  (``2/10/2027``).
* :data:`PIPEDRIVE` (``"pipedrive"``): a Pipedrive deals export. The status (won, lost,
  open) is the outcome, the won or lost time the close date; an open deal's expected
  close date comes from "Deal - Expected close date" when the export has it.

**Dates are read as calendar days**, the day written in the export (Salesforce's API
writes times in UTC, so its day is the UTC day). Cycle lengths are whole days, as
Salesforce's own "Age" of a closed opportunity (close date − created date).

**Currencies.** Each preset names its product's currency column ("Currency" in HubSpot,
``CurrencyIsoCode`` or "Opportunity Currency" in Salesforce, "Deal - Currency" in
Pipedrive). HubSpot and Salesforce write it only when the account uses more than one
currency, and an export may leave any column out, so it is optional: an export without it
reads as before. An export with it is a deals table
with a currency (:class:`~smartgoals.frames.DealColumns`): the KPIs that add amounts
refuse deals in two currencies, naming them, until they are converted to one with
:func:`~smartgoals.frames.convert_currency`; the counts (win rate, close rate, cycle
length) read no currency.

**Stages** are matched ignoring case and spaces around them. A stage the preset does not
list is open under ``other="open"`` (HubSpot's rule) or a bad row under
``other="invalid"`` (the error names it; ``invalid="skip"`` leaves such deals out). A
missing stage is always a bad row. Your pipeline's own stages map with
:meth:`Preset.with_stages`, renamed columns with :meth:`Preset.with_columns`, and a
preset of your own is a :class:`Preset` too.

>>> HUBSPOT.outcome_of("Closed Won"), HUBSPOT.outcome_of("Negotiation")
('won', 'open')
>>> custom = HUBSPOT.with_stages(won=["Contract signed"], lost=["Disqualified"])
>>> custom.outcome_of("contract signed"), custom.outcome_of("Disqualified")
('won', 'lost')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

import attrs

from smartgoals.exceptions import InvalidInputError

__all__ = [
    "HUBSPOT",
    "PIPEDRIVE",
    "PRESETS",
    "ROLES",
    "SALESFORCE",
    "SALESFORCE_REPORT",
    "DateOrder",
    "Outcome",
    "Preset",
    "get_preset",
]

#: What a stage means for a deal.
Outcome: TypeAlias = Literal["won", "lost", "open"]
_OUTCOMES: Final = ("won", "lost", "open")

#: How an export writes a day: ISO (``2027-01-04``, with any time after it), month first
#: (``2/10/2027``) or day first (``10/2/2027``, also with ``.`` or ``-``), with any time
#: after it.
DateOrder: TypeAlias = Literal["iso", "mdy", "dmy"]
_ORDERS: Final = ("iso", "mdy", "dmy")

#: The roles a preset's column map may name, and what each holds.
ROLES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "id": "the deal's unique id",
        "owner": "the rep who owns the deal",
        "created": "the date the deal was created",
        "closed": "the date it was won or lost; for an open deal its expected close date",
        "amount": "the deal's value",
        "stage": "the pipeline stage, mapped to an outcome by the stages",
        "is_won": "true for a won deal (with is_closed, instead of a stage)",
        "is_closed": "true for a won or lost deal (with is_won, instead of a stage)",
        "won_time": "when a won deal was won (with lost_time, instead of closed)",
        "lost_time": "when a lost deal was lost (with won_time, instead of closed)",
        "expected": "an open deal's expected close date (optional, with won_time)",
        "currency": "the ISO 4217 code of the deal's amount (optional: read when present)",
    }
)


def _columns(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


def _stages(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType({str(k).strip(): v for k, v in value.items()})


@attrs.frozen
class Preset:
    """How one product writes a deals export: columns, stages and dates.

    Attributes:
        name: The preset's name, used in messages (``"hubspot"``).
        columns: Role → the export's column name. The roles are in :data:`ROLES`: ``id``
            and ``created`` always; the outcome from ``stage`` or from ``is_won`` with
            ``is_closed``; the close date from ``closed`` or from ``won_time`` with
            ``lost_time`` (and optionally ``expected``); ``owner`` and ``amount`` where
            a KPI needs them; ``currency`` optionally (read when the export has the
            column, left alone when it has not).
        stages: Stage → ``"won"``, ``"lost"`` or ``"open"``, matched ignoring case and
            surrounding spaces.
        other: What a stage not in ``stages`` means: ``"open"``, or ``"invalid"`` (a
            bad row).
        dates: How the export writes days (:data:`DateOrder`).

    Raises:
        InvalidInputError: for an unknown role, a missing or doubled source of the
            outcome or close date, an unknown outcome, or two stages that differ only
            in case.

    >>> mine = Preset("crm", {"id": "Ref", "created": "Opened", "closed": "Closed on",
    ...     "stage": "Phase"}, stages={"Signed": "won", "Dropped": "lost"}, other="open")
    >>> mine.outcome_of("Demo"), mine.column("created")
    ('open', 'Opened')
    """

    name: str
    columns: Mapping[str, str] = attrs.field(converter=_columns, hash=False)
    stages: Mapping[str, str] = attrs.field(
        converter=_stages, factory=lambda: MappingProxyType({}), hash=False
    )
    other: Literal["open", "invalid"] = "invalid"
    dates: DateOrder = "iso"

    def __attrs_post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise InvalidInputError(
                f"preset {self.name!r}: {'; '.join(problems)}", name="preset", value=self
            )

    def column(self, role: str) -> str | None:
        """The export's column for ``role``, or None when the preset has none.

        >>> SALESFORCE.column("owner"), SALESFORCE.column("stage")
        ('OwnerId', None)
        """
        return self.columns.get(role)

    def outcome_of(self, stage: str) -> Outcome | None:
        """The outcome of a stage: won, lost, open, or None for a bad one.

        >>> PIPEDRIVE.outcome_of(" WON "), PIPEDRIVE.outcome_of("deleted")
        ('won', None)
        """
        key = stage.strip().casefold()
        for known, outcome in self.stages.items():
            if known.casefold() == key:
                return _outcome(outcome)
        return "open" if self.other == "open" else None

    def with_stages(
        self,
        *,
        won: Iterable[str] = (),
        lost: Iterable[str] = (),
        open: Iterable[str] = (),
        other: Literal["open", "invalid"] | None = None,
    ) -> Preset:
        """A copy that maps more stages (a stage given again takes its new outcome).

        Args:
            won: Stages that mean the deal is won.
            lost: Stages that mean the deal is lost.
            open: Stages that mean the deal is still open (useful with
                ``other="invalid"``, to refuse stages nobody mapped).
            other: A new rule for stages not listed, when given.

        Returns:
            The new preset.

        >>> strict = HUBSPOT.with_stages(open=["Appointment scheduled"], other="invalid")
        >>> strict.outcome_of("Appointment Scheduled"), strict.outcome_of("Demo")
        ('open', None)
        """
        added = {
            s: o for o, group in (("won", won), ("lost", lost), ("open", open)) for s in group
        }
        keys = {s.strip().casefold() for s in added}
        kept = {s: o for s, o in self.stages.items() if s.casefold() not in keys}
        return attrs.evolve(
            self,
            stages={**kept, **added},
            other=self.other if other is None else other,
        )

    def with_columns(self, **roles: str | None) -> Preset:
        """A copy with some roles mapped to other columns (None removes a role).

        >>> HUBSPOT.with_columns(owner="Deal owner email").column("owner")
        'Deal owner email'
        """
        columns = {**self.columns, **roles}
        return attrs.evolve(self, columns={r: c for r, c in columns.items() if c is not None})


def _outcome(value: str) -> Outcome:
    if value == "won":
        return "won"
    if value == "lost":
        return "lost"
    return "open"


def _problems(preset: Preset) -> list[str]:
    """Everything wrong with a preset, in words, for one error."""
    problems: list[str] = []
    roles = preset.columns
    unknown = sorted(r for r in roles if r not in ROLES)
    if unknown:
        problems.append(f"unknown roles {unknown}; the roles are {', '.join(ROLES)}")
    bad_names = sorted(r for r, c in roles.items() if not isinstance(c, str) or not c)
    if bad_names:
        problems.append(f"roles {bad_names} need a column name (text)")
    for role in ("id", "created"):
        if role not in roles:
            problems.append(f"no column for the role {role!r}")
    flags = ("is_won" in roles) + ("is_closed" in roles)
    if ("stage" in roles) == (flags == 2) or flags == 1:
        problems.append("the outcome comes from 'stage', or from 'is_won' with 'is_closed'")
    times = ("won_time" in roles) + ("lost_time" in roles)
    if ("closed" in roles) == (times == 2) or times == 1:
        problems.append("the close date comes from 'closed', or from 'won_time' with 'lost_time'")
    if "expected" in roles and times != 2:
        problems.append("'expected' goes with 'won_time' and 'lost_time' ('closed' holds it)")
    wrong = sorted(f"{s!r}: {o!r}" for s, o in preset.stages.items() if o not in _OUTCOMES)
    if wrong:
        problems.append(f"stages map to 'won', 'lost' or 'open', not {', '.join(wrong)}")
    folded = [s.casefold() for s in preset.stages]
    if len(set(folded)) != len(folded):
        problems.append("two stages differ only in case or spaces")
    if preset.other not in ("open", "invalid"):
        problems.append(f"other must be 'open' or 'invalid', got {preset.other!r}")
    if preset.dates not in _ORDERS:
        problems.append(f"dates must be one of {', '.join(_ORDERS)}, got {preset.dates!r}")
    return problems


#: A HubSpot deals export (CRM → Deals → Export).
HUBSPOT: Final = Preset(
    "hubspot",
    {
        "id": "Record ID",
        "owner": "Deal owner",
        "created": "Create Date",
        "closed": "Close Date",
        "amount": "Amount",
        "stage": "Deal Stage",
        # The deal property labelled "Currency", internal name ``deal_currency_code``
        # (HubSpot Developers changelog, "Enforcing Deal Currency Code Validation",
        # 2023; knowledge base, "HubSpot's default deal properties"): the code of the
        # currency "Amount" is in, shown only when the account has more than one
        # currency. An export's header is the property's label.
        "currency": "Currency",
    },
    stages={"Closed Won": "won", "Closed Lost": "lost"},
    other="open",
)

#: Salesforce Opportunity records under their API names.
SALESFORCE: Final = Preset(
    "salesforce",
    {
        "id": "Id",
        "owner": "OwnerId",
        "created": "CreatedDate",
        "closed": "CloseDate",
        "amount": "Amount",
        "is_won": "IsWon",
        "is_closed": "IsClosed",
        # Opportunity field ``CurrencyIsoCode`` (label "Opportunity Currency", a
        # three-letter picklist), in orgs with multiple currencies enabled only
        # (Salesforce Field Reference, Opportunity; Object Reference, "CurrencyIsoCode").
        "currency": "CurrencyIsoCode",
    },
)

#: A Salesforce opportunities report exported with its column labels (US dates).
SALESFORCE_REPORT: Final = Preset(
    "salesforce-report",
    {
        "id": "Opportunity ID",
        "owner": "Opportunity Owner",
        "created": "Created Date",
        "closed": "Close Date",
        "amount": "Amount",
        "is_won": "Won",
        "is_closed": "Closed",
        # The label of ``CurrencyIsoCode`` (Salesforce Field Reference, Opportunity),
        # which a report writes as its column header.
        "currency": "Opportunity Currency",
    },
    dates="mdy",
)

#: A Pipedrive deals export (Deals → Export data).
PIPEDRIVE: Final = Preset(
    "pipedrive",
    {
        "id": "Deal - ID",
        "owner": "Deal - Owner",
        "created": "Deal - Deal created",
        "won_time": "Deal - Won time",
        "lost_time": "Deal - Lost time",
        "expected": "Deal - Expected close date",
        "amount": "Deal - Value",
        "stage": "Deal - Status",
        # The deal field "Currency" (API key ``currency``: the ISO 4217 code of the deal's
        # value; Pipedrive API reference, Deals and Currencies), under the export's
        # "Deal - " prefix like every deal field.
        "currency": "Deal - Currency",
    },
    stages={"won": "won", "lost": "lost", "open": "open"},
)

#: The built-in presets by name.
PRESETS: Final[Mapping[str, Preset]] = MappingProxyType(
    {p.name: p for p in (HUBSPOT, SALESFORCE, SALESFORCE_REPORT, PIPEDRIVE)}
)


def get_preset(preset: Preset | str) -> Preset:
    """The preset itself, or the built-in preset of that name.

    Raises:
        InvalidInputError: for a name that is no built-in preset.

    >>> get_preset("pipedrive") is PIPEDRIVE
    True
    >>> get_preset("zoho")
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.InvalidInputError: unknown preset 'zoho'; the presets are hubspot, salesforce, salesforce-report, pipedrive, or a Preset of your own
    """
    if isinstance(preset, Preset):
        return preset
    if isinstance(preset, str) and preset.strip().lower() in PRESETS:
        return PRESETS[preset.strip().lower()]
    raise InvalidInputError(
        f"unknown preset {preset!r}; the presets are {', '.join(PRESETS)}, "
        "or a Preset of your own",
        name="preset",
        value=preset,
    )
