"""Metrics: what a goal measures, how it aggregates, and the catalog of known metrics.

A :class:`Metric` knows its :class:`Unit`, its :class:`Polarity` (which way is better)
and its :class:`Aggregation`, which decides how planning splits a target over periods:
SUM metrics are divided, AVERAGE metrics carry the same target into every period and
LEVEL metrics follow a path of milestones.

The catalog holds every metric the library knows, with English and Dutch names and
synonyms. Other packages add metrics through the ``smartgoals.metrics`` entry point
group, or at run time with :func:`register`.

>>> from smartgoals import metrics
>>> churn = metrics.get("customer_churn_rate")
>>> churn.unit, churn.polarity, churn.aggregation
(<Unit.RATIO: 'ratio'>, <Polarity.LOWER_IS_BETTER: 'lower_is_better'>, <Aggregation.AVERAGE: 'average'>)
>>> metrics.find("klantverloop") is churn
True
"""

from __future__ import annotations

import enum
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from smartgoals._numbers import to_decimal
from smartgoals.exceptions import InvalidInputError, RegistrationError

if TYPE_CHECKING:
    from smartgoals._entry_points import EntryPoint

__all__ = [
    "ADHOC_ORIGIN",
    "ENTRY_POINT_GROUP",
    "Aggregation",
    "Metric",
    "MetricCatalog",
    "MetricKind",
    "Polarity",
    "Unit",
    "adhoc",
    "all",
    "default_catalog",
    "find",
    "get",
    "normalize_phrase",
    "register",
]

#: The entry point group through which packages contribute metrics.
ENTRY_POINT_GROUP: Final = "smartgoals.metrics"


class Unit(enum.Enum):
    """What a metric's values are.

    >>> Unit("currency")
    <Unit.CURRENCY: 'currency'>
    """

    CURRENCY = "currency"
    COUNT = "count"
    RATIO = "ratio"
    DAYS = "days"
    HOURS = "hours"


class Polarity(enum.Enum):
    """Which way a metric is better.

    >>> Polarity.LOWER_IS_BETTER.value
    'lower_is_better'
    """

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class Aggregation(enum.Enum):
    """How values of a metric combine over periods and owners.

    * ``SUM``: flows such as revenue, leads and calls; a target is split by division.
    * ``AVERAGE``: rates and averages such as churn rate, win rate, LTV and CAC; every
      period carries the same target (a churn target is never divided by 12).
    * ``LEVEL``: stocks such as MRR, ARR and headcount; a path of milestones runs from
      the baseline to the target.

    >>> Aggregation.SUM.value
    'sum'
    """

    SUM = "sum"
    AVERAGE = "average"
    LEVEL = "level"


class MetricKind(enum.Enum):
    """Whether a metric is a result or an activity that leads to results.

    Activity goals (calls, emails, demos) give reps control over what they do;
    outcome goals (revenue, new customers) are what the business wants.

    >>> MetricKind.ACTIVITY.value
    'activity'
    """

    OUTCOME = "outcome"
    ACTIVITY = "activity"


_KEY_RE: Final = re.compile(r"^[a-z][a-z0-9_]*$")


def normalize_phrase(text: str) -> str:
    """Normalise a metric name for lookup: case-folded, accents kept, spacing folded.

    Hyphens, underscores and slashes become spaces and apostrophes are dropped, so
    "Demo's", "demos" and "e-mails" match "demos" and "e mails".

    >>> normalize_phrase("  Geboekte   DEMO'S ")
    'geboekte demos'
    >>> normalize_phrase("customer_churn-rate")
    'customer churn rate'
    """
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"['’`´]", "", text)
    text = re.sub(r"[-_/]", " ", text)
    return " ".join(text.split())


def _frozen_names(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType({str(k): str(v) for k, v in dict(value).items()})


def _frozen_synonyms(value: Mapping[str, Iterable[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({str(k): tuple(v) for k, v in dict(value).items()})


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, name="bound")


@attrs.frozen(repr=False)
class Metric:
    """A measurable quantity a goal can be about.

    Args:
        key: A stable identifier such as ``"revenue"`` (lower case, digits, ``_``).
        name: The English display name.
        unit: What a value is.
        polarity: Which way is better.
        aggregation: How values combine over periods and owners.
        kind: Outcome or activity.
        names: Display names per language code; ``"en"`` defaults to ``name``.
        synonyms: Other phrases per language that mean this metric.
        minimum: The lowest possible value, if any (0 for counts, money and ratios).
        maximum: The highest possible value, if any (1 for most ratios).
        description: One sentence on what the metric measures.
        origin: Who registered it (``"smartgoals"`` for built-ins, else the package).

    Raises:
        InvalidInputError: for a malformed key or inverted bounds.

    >>> m = Metric("demos_booked", "demos booked", Unit.COUNT, Polarity.HIGHER_IS_BETTER,
    ...            Aggregation.SUM, kind=MetricKind.ACTIVITY, names={"nl": "geboekte demo's"})
    >>> m.names["nl"], m.names["en"], m.minimum
    ("geboekte demo's", 'demos booked', Decimal('0'))
    """

    key: str
    name: str
    unit: Unit
    polarity: Polarity
    aggregation: Aggregation
    kind: MetricKind = MetricKind.OUTCOME
    # Names, synonyms and prose stay out of repr, eq and hash: a metric is its key,
    # unit, polarity, aggregation, kind and range.
    names: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_names, hash=False, eq=False, repr=False
    )
    synonyms: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict, converter=_frozen_synonyms, hash=False, eq=False, repr=False
    )
    minimum: Decimal | None = attrs.field(
        default=attrs.Factory(lambda self: Decimal(0), takes_self=True),
        converter=_optional_decimal,
    )
    maximum: Decimal | None = attrs.field(
        default=attrs.Factory(
            lambda self: Decimal(1) if self.unit is Unit.RATIO else None, takes_self=True
        ),
        converter=_optional_decimal,
    )
    description: str = attrs.field(default="", eq=False, repr=False)
    origin: str = attrs.field(default="smartgoals", eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not _KEY_RE.match(self.key):
            raise InvalidInputError(
                f"metric key {self.key!r} must be lower case letters, digits and '_', "
                "starting with a letter (e.g. 'demos_booked')",
                name="key",
                value=self.key,
            )
        if "en" not in self.names:
            object.__setattr__(self, "names", _frozen_names({"en": self.name, **self.names}))
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise InvalidInputError(
                f"metric {self.key!r}: minimum {self.minimum} is above maximum {self.maximum}",
                name="minimum",
                value=self.minimum,
            )

    def __repr__(self) -> str:
        """``Metric('revenue')``: the key that names a metric; the catalog has the rest.

        >>> get("revenue"), adhoc("webinars")
        (Metric('revenue'), Metric('webinars', ad hoc))
        """
        return f"Metric({self.key!r}{', ad hoc' if self.is_adhoc else ''})"

    def label(self, lang: str = "en") -> str:
        """The metric's name in ``lang``, falling back to English.

        >>> get("customer_churn_rate").label("nl")
        'klantverloop'
        """
        return self.names.get(lang, self.name)

    def phrases(self, lang: str | None = None) -> tuple[str, ...]:
        """Every phrase that names this metric (key, names, synonyms), normalised.

        Args:
            lang: Only names and synonyms in this language (the key always counts).

        >>> "ltv" in get("ltv").phrases("nl")
        True
        """
        langs = [lang] if lang else sorted(set(self.names) | set(self.synonyms))
        found = {normalize_phrase(self.key)}
        for code in langs:
            if code in self.names:
                found.add(normalize_phrase(self.names[code]))
            found.update(normalize_phrase(s) for s in self.synonyms.get(code, ()))
        return tuple(sorted(found))

    @property
    def quantum(self) -> Decimal:
        """The step amounts of this metric are rounded to: 0.01 for money, 1 for counts.

        Hours and days round to whole units, ratios to hundredths of a percent (0.0001).

        >>> get("revenue").quantum, get("calls").quantum, get("win_rate").quantum
        (Decimal('0.01'), Decimal('1'), Decimal('0.0001'))
        """
        return _QUANTA[self.unit]

    @property
    def is_adhoc(self) -> bool:
        """Whether the metric was made from a statement's own words, not a catalog entry.

        >>> adhoc("webinars").is_adhoc, get("demos_booked").is_adhoc
        (True, False)
        """
        return self.origin == ADHOC_ORIGIN

    def in_range(self, value: Decimal) -> bool:
        """Tell whether ``value`` lies within the metric's possible range.

        >>> get("win_rate").in_range(Decimal("1.2")), get("nrr").in_range(Decimal("1.2"))
        (False, True)
        """
        if self.minimum is not None and value < self.minimum:
            return False
        return not (self.maximum is not None and value > self.maximum)


_QUANTA: Final = {
    Unit.CURRENCY: Decimal("0.01"),
    Unit.COUNT: Decimal(1),
    Unit.RATIO: Decimal("0.0001"),
    Unit.DAYS: Decimal(1),
    Unit.HOURS: Decimal(1),
}

#: The :attr:`Metric.origin` of metrics made by :func:`adhoc` from a statement's words.
ADHOC_ORIGIN: Final = "(ad hoc)"


def adhoc(
    phrase: str,
    *,
    lang: str = "en",
    unit: Unit = Unit.COUNT,
    kind: MetricKind = MetricKind.ACTIVITY,
) -> Metric:
    """A metric for an activity no catalog entry names ("webinars", "klantbezoeken").

    The reader makes one when a goal counts something the catalog does not know, so the
    goal keeps what it measures instead of losing it. It counts (``Unit.COUNT``, summed
    over periods) and is marked :attr:`Metric.is_adhoc`, so scoring can suggest
    registering it with :func:`register`. Its key is the phrase in lower case with
    ``_`` between words, prefixed ``adhoc_`` when it would not start with a letter.

    Args:
        phrase: The words that name what is counted, e.g. ``"QBRs"``.
        lang: The language of the phrase; its name is kept for that language.
        unit: What a value is (a count by default).
        kind: Activity (the default) or outcome.

    Raises:
        InvalidInputError: if the phrase has no letters or digits.

    >>> m = adhoc("QBRs")
    >>> m.key, m.name, m.unit, m.aggregation, m.is_adhoc
    ('qbrs', 'QBRs', <Unit.COUNT: 'count'>, <Aggregation.SUM: 'sum'>, True)
    >>> adhoc("klantbezoeken", lang="nl").label("nl")
    'klantbezoeken'
    """
    name = " ".join(str(phrase).split())
    folded = unicodedata.normalize("NFKD", normalize_phrase(name))
    key = re.sub(r"[^a-z0-9]+", "_", folded.encode("ascii", "ignore").decode()).strip("_")
    if not key:
        raise InvalidInputError(
            f"cannot make a metric of {phrase!r}: name what is counted, e.g. 'webinars'",
            name="phrase",
            value=phrase,
        )
    if not key[0].isalpha():
        key = f"adhoc_{key}"
    return Metric(
        key[:64],
        name,
        unit,
        Polarity.HIGHER_IS_BETTER,
        Aggregation.SUM,
        kind,
        names={"en": name, lang: name},
        origin=ADHOC_ORIGIN,
    )


class MetricCatalog:
    """A registry of metrics by key, searchable by name and synonym.

    Args:
        metrics: Metrics to start with.
        load_entry_points: Also load the ``smartgoals.metrics`` entry point group on
            first use. Each entry point names a :class:`Metric`, an iterable of them, or
            a callable returning either.

    A plugin that fails to load does not break the catalog: the failure is kept in
    :attr:`load_errors` and the plugin's metrics are absent.

    >>> catalog = MetricCatalog()
    >>> _ = catalog.register(Metric("meetings_held", "meetings held", Unit.COUNT,
    ...                             Polarity.HIGHER_IS_BETTER, Aggregation.SUM))
    >>> catalog.find("Meetings held").key
    'meetings_held'
    """

    def __init__(self, metrics: Iterable[Metric] = (), *, load_entry_points: bool = False) -> None:
        self._by_key: dict[str, Metric] = {}
        self._phrases: dict[str | None, dict[str, Metric]] | None = None
        self._pending_entry_points = load_entry_points
        self._lock = threading.RLock()
        self._version = 0
        #: ``(entry point name, error message)`` for each plugin that failed to load.
        self.load_errors: list[tuple[str, str]] = []
        for metric in metrics:
            self.register(metric)

    def _ensure_loaded(self) -> None:
        if not self._pending_entry_points:
            return
        with self._lock:
            if not self._pending_entry_points:
                return
            self._pending_entry_points = False
            for ep in sorted(_entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
                self._load_entry_point(ep)

    def _load_entry_point(self, ep: EntryPoint) -> None:
        origin = ep.dist.name if ep.dist is not None else ep.value
        try:
            loaded = ep.load()
            items = loaded() if callable(loaded) and not isinstance(loaded, Metric) else loaded
            batch = [items] if isinstance(items, Metric) else list(items)
        except Exception as exc:  # a broken plugin must not take the catalog down
            self.load_errors.append((ep.name, f"{type(exc).__name__}: {exc}"))
            return
        for metric in batch:
            if not isinstance(metric, Metric):
                self.load_errors.append(
                    (ep.name, f"entry point {ep.value!r} gave {type(metric).__name__}, not Metric")
                )
                continue
            if metric.origin == "smartgoals" and origin != "smartgoals":
                metric = attrs.evolve(metric, origin=origin)
            try:
                self.register(metric)
            except RegistrationError as exc:
                self.load_errors.append((ep.name, str(exc)))

    def register(self, metric: Metric, *, replace: bool = False) -> Metric:
        """Add ``metric`` to the catalog and return it.

        Args:
            metric: The metric to add.
            replace: Replace an existing metric with the same key instead of failing.

        Raises:
            RegistrationError: if the key is taken, naming both origins.

        >>> catalog = MetricCatalog([get("revenue")])
        >>> catalog.register(attrs.evolve(get("revenue"), origin="acme"))
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.RegistrationError: duplicate metric key 'revenue': registered by 'smartgoals' and by 'acme'; choose another key or pass replace=True
        """
        if not isinstance(metric, Metric):
            raise InvalidInputError(
                f"register() takes a Metric, got {type(metric).__name__}",
                name="metric",
                value=metric,
            )
        with self._lock:
            existing = self._by_key.get(metric.key)
            if existing is not None and not replace:
                raise RegistrationError(
                    f"duplicate metric key {metric.key!r}: registered by {existing.origin!r} "
                    f"and by {metric.origin!r}; choose another key or pass replace=True",
                    key=metric.key,
                    origins=(existing.origin, metric.origin),
                )
            self._by_key[metric.key] = metric
            self._phrases = None
            self._version += 1
        return metric

    @property
    def version(self) -> int:
        """A counter that grows with every registration.

        Caches built from the catalog compare it to know when to rebuild.

        >>> catalog = MetricCatalog()
        >>> before = catalog.version
        >>> _ = catalog.register(get("calls"))
        >>> catalog.version == before + 1
        True
        """
        self._ensure_loaded()
        return self._version

    def get(self, key: str) -> Metric:
        """Return the metric with ``key``.

        Raises:
            InvalidInputError: if no metric has that key; the message suggests close keys.

        >>> default_catalog().get("arr").name
        'annual recurring revenue'
        >>> default_catalog().get("revenu")
        Traceback (most recent call last):
        ...
        smartgoals.exceptions.InvalidInputError: unknown metric key 'revenu'; did you mean 'revenue'? (see smartgoals.metrics.all())
        """
        self._ensure_loaded()
        try:
            return self._by_key[key]
        except KeyError:
            import difflib  # only on the error path: keeps `import smartgoals` fast

            close = difflib.get_close_matches(str(key), list(self._by_key), n=3)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise InvalidInputError(
                f"unknown metric key {key!r}{hint} (see smartgoals.metrics.all())",
                name="key",
                value=key,
            ) from None

    def __contains__(self, key: object) -> bool:
        self._ensure_loaded()
        return key in self._by_key

    def _phrase_index(self, lang: str | None) -> dict[str, Metric]:
        self._ensure_loaded()
        with self._lock:
            if self._phrases is None:
                self._phrases = {}
            index = self._phrases.get(lang)
            if index is None:
                index = {}
                # Names win over synonyms: index synonyms first, then overwrite with names.
                for metric in sorted(self._by_key.values(), key=lambda m: m.key):
                    for phrase in metric.phrases(lang):
                        index.setdefault(phrase, metric)
                for metric in self._by_key.values():
                    for code in [lang] if lang else list(metric.names):
                        if code in metric.names:
                            index[normalize_phrase(metric.names[code])] = metric
                    index[normalize_phrase(metric.key)] = metric
                self._phrases[lang] = index
            return index

    def find(self, text: str, lang: str | None = None) -> Metric | None:
        """Find the metric whose key, name or synonym is ``text`` (case-insensitive).

        Args:
            text: A phrase such as ``"Win rate"`` or ``"klantverloop"``.
            lang: Search only this language's names and synonyms (and keys).

        Returns:
            The metric, or ``None`` when no phrase matches.

        >>> default_catalog().find("Customer Acquisition Cost").key
        'cac'
        >>> default_catalog().find("omzet", lang="en") is None
        True
        """
        return self._phrase_index(lang).get(normalize_phrase(text))

    def phrases(self, lang: str | None = None) -> list[tuple[str, Metric]]:
        """Every ``(normalised phrase, metric)`` pair, longest phrase first.

        Parsers scan text for these; longest first makes "revenue churn rate" win
        over "revenue".

        >>> pairs = default_catalog().phrases("en")
        >>> len(pairs[0][0]) >= len(pairs[-1][0]), dict(pairs)["win rate"].key
        (True, 'win_rate')
        """
        index = self._phrase_index(lang)
        return sorted(index.items(), key=lambda item: (-len(item[0]), item[0]))

    def all(self) -> tuple[Metric, ...]:
        """Every registered metric, sorted by key.

        >>> len(default_catalog().all()) >= 28
        True
        """
        self._ensure_loaded()
        return tuple(self._by_key[k] for k in sorted(self._by_key))


def _builtin(
    key: str,
    en: str,
    nl: str,
    unit: Unit,
    polarity: Polarity,
    aggregation: Aggregation,
    *,
    kind: MetricKind = MetricKind.OUTCOME,
    en_synonyms: Iterable[str] = (),
    nl_synonyms: Iterable[str] = (),
    both: Iterable[str] = (),
    unbounded: bool = False,
    signed: bool = False,
    description: str = "",
) -> Metric:
    shared = tuple(both)
    default_maximum = Decimal(1) if unit is Unit.RATIO else None
    return Metric(
        key,
        en,
        unit,
        polarity,
        aggregation,
        kind,
        names={"en": en, "nl": nl},
        synonyms={"en": (*en_synonyms, *shared), "nl": (*nl_synonyms, *shared)},
        minimum=None if signed else Decimal(0),
        maximum=None if unbounded else default_maximum,
        description=description,
    )


_CUR, _CNT, _RAT, _DAYS, _HRS = Unit.CURRENCY, Unit.COUNT, Unit.RATIO, Unit.DAYS, Unit.HOURS
_UP, _DOWN = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
_SUM, _AVG, _LVL = Aggregation.SUM, Aggregation.AVERAGE, Aggregation.LEVEL
_ACT = MetricKind.ACTIVITY


def _builtin_metrics() -> list[Metric]:
    return [
        _builtin(
            "revenue",
            "revenue",
            "omzet",
            _CUR,
            _UP,
            _SUM,
            en_synonyms=(
                "sales",
                "sales revenue",
                "income",
                "bookings",
                "primary product revenue",
                "turnover in sales",
            ),
            nl_synonyms=(
                "inkomsten",
                "verkoop",
                "verkopen",
                "verkoopinkomsten",
                "opbrengst",
                "inkomen",
            ),
            description="Money received from sales in a period.",
        ),
        _builtin(
            "profit",
            "profit",
            "winst",
            _CUR,
            _UP,
            _SUM,
            en_synonyms=("net profit", "earnings"),
            nl_synonyms=("nettowinst",),
            unbounded=True,
            signed=True,  # a loss is a negative profit
            description="Revenue minus costs in a period.",
        ),
        _builtin(
            "mrr",
            "monthly recurring revenue",
            "maandelijks terugkerende omzet",
            _CUR,
            _UP,
            _LVL,
            both=("mrr",),
            description="Recurring revenue per month at a point in time.",
        ),
        _builtin(
            "arr",
            "annual recurring revenue",
            "jaarlijks terugkerende omzet",
            _CUR,
            _UP,
            _LVL,
            both=("arr",),
            description="Recurring revenue per year at a point in time.",
        ),
        _builtin(
            "units_sold",
            "units sold",
            "verkochte eenheden",
            _CNT,
            _UP,
            _SUM,
            en_synonyms=("items sold", "items", "units", "products sold", "products"),
            nl_synonyms=("verkochte items", "items", "verkochte producten", "eenheden"),
            description="Number of product units sold in a period.",
        ),
        _builtin(
            "new_customers",
            "new customers",
            "nieuwe klanten",
            _CNT,
            _UP,
            _SUM,
            en_synonyms=(
                "customers acquired",
                "new clients",
                "new accounts",
                "new logos",
                "customers",
            ),
            nl_synonyms=("nieuwe afnemers", "nieuwe accounts", "klanten"),
            description="Customers won in a period.",
        ),
        _builtin(
            "customers",
            "customer count",
            "aantal klanten",
            _CNT,
            _UP,
            _LVL,
            en_synonyms=("customer base", "number of customers", "active customers"),
            nl_synonyms=("klantenbestand", "klantenbasis", "actieve klanten"),
            description="Customers at a point in time.",
        ),
        _builtin(
            "customer_churn_rate",
            "customer churn rate",
            "klantverloop",
            _RAT,
            _DOWN,
            _AVG,
            en_synonyms=("churn", "churn rate", "customer churn", "logo churn", "client churn"),
            nl_synonyms=(
                "churn",
                "churnpercentage",
                "churn percentage",
                "klantverlooppercentage",
                "klantenverloop",
                "verloop van klanten",
            ),
            description="Share of customers at the start of a period who left during it.",
        ),
        _builtin(
            "customer_retention_rate",
            "customer retention rate",
            "klantretentie",
            _RAT,
            _UP,
            _AVG,
            en_synonyms=(
                "retention rate",
                "customer retention",
                "logo retention",
                "client retention",
            ),
            nl_synonyms=("klantbehoud", "behoud van klanten", "retentiepercentage"),
            description="Share of customers at the start of a period still customers at its "
            "end: 1 − the customer churn rate (kpi.retention_rate).",
        ),
        _builtin(
            "revenue_churn_rate",
            "revenue churn rate",
            "omzetverloop",
            _RAT,
            _DOWN,
            _AVG,
            en_synonyms=("revenue churn", "mrr churn", "gross revenue churn", "dollar churn"),
            nl_synonyms=("omzetchurn", "omzetverlies door churn"),
            signed=True,  # net of expansion, churn can be negative
            description="Share of recurring revenue lost to churn and contraction.",
        ),
        _builtin(
            "nrr",
            "net revenue retention",
            "netto omzetbehoud",
            _RAT,
            _UP,
            _AVG,
            en_synonyms=("net dollar retention", "ndr", "net retention"),
            nl_synonyms=("netto omzetretentie", "netto retentie"),
            both=("nrr",),
            unbounded=True,
            description="Recurring revenue kept from existing customers, expansion included.",
        ),
        _builtin(
            "ltv",
            "customer lifetime value",
            "klantlevensduurwaarde",
            _CUR,
            _UP,
            _AVG,
            en_synonyms=("lifetime value", "customer lifetime value (ltv)", "clv", "cltv"),
            nl_synonyms=(
                "levenslange waarde",
                "levenslange klantwaarde",
                "klantwaarde",
                "levenslange waarde van uw klanten",
                "customer lifetime value",
            ),
            both=("ltv",),
            description="Gross margin a customer brings over their lifetime.",
        ),
        _builtin(
            "arpa",
            "average revenue per account",
            "gemiddelde omzet per klant",
            _CUR,
            _UP,
            _AVG,
            en_synonyms=(
                "revenue per customer",
                "revenue per account",
                "average revenue per customer",
                "arpu",
                "average revenue per user",
            ),
            nl_synonyms=("omzet per klant", "omzet per account", "gemiddelde omzet per account"),
            both=("arpa",),
            description="Recurring revenue per customer account in a period (kpi.arpa).",
        ),
        _builtin(
            "cac",
            "customer acquisition cost",
            "klantacquisitiekosten",
            _CUR,
            _DOWN,
            _AVG,
            en_synonyms=(
                "acquisition cost",
                "cost per acquisition",
                "cost to acquire a customer",
                "cost of acquiring new customers",
            ),
            nl_synonyms=(
                "acquisitiekosten",
                "acquisitiekosten van klanten",
                "kosten voor het werven van nieuwe klanten",
                "wervingskosten",
                "acquisitiekosten van klanten (cac)",
            ),
            both=("cac",),
            description="Sales and marketing cost per new customer.",
        ),
        _builtin(
            "mql",
            "marketing qualified leads",
            "marketing gekwalificeerde leads",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("marketing-qualified leads", "marketing qualified leads (mql)"),
            nl_synonyms=("marketinggekwalificeerde leads",),
            both=("mql", "mqls"),
            description="Leads marketing judged ready for sales.",
        ),
        _builtin(
            "sql",
            "sales qualified leads",
            "sales gekwalificeerde leads",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=(
                "sales-qualified leads",
                "qualified leads",
                "sales qualified leads (sql)",
            ),
            nl_synonyms=("gekwalificeerde leads", "salesgekwalificeerde leads"),
            both=("sql", "sqls"),
            description="Leads sales accepted as real opportunities.",
        ),
        _builtin(
            "leads",
            "leads",
            "leads",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("leads generated", "new leads", "generated leads", "lead generation"),
            nl_synonyms=("gegenereerde leads", "nieuwe leads", "leadgeneratie"),
            description="New leads in a period.",
        ),
        _builtin(
            "opportunities",
            "opportunities",
            "verkoopkansen",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("sales opportunities", "opps"),
            nl_synonyms=("kansen", "opportunities"),
            description="Qualified opportunities created in a period.",
        ),
        _builtin(
            "deals_won",
            "deals won",
            "gewonnen deals",
            _CNT,
            _UP,
            _SUM,
            en_synonyms=("deals closed", "closed deals", "won deals", "new deals", "deals"),
            nl_synonyms=(
                "gesloten deals",
                "deals gesloten",
                "gewonnen opdrachten",
                "deals",
                "opdrachten",
            ),
            description="Deals closed as won in a period.",
        ),
        _builtin(
            "pipeline",
            "pipeline value",
            "pijplijnwaarde",
            _CUR,
            _UP,
            _LVL,
            en_synonyms=("pipeline", "sales pipeline", "open pipeline"),
            nl_synonyms=("pijplijn", "verkooppijplijn", "pipeline", "pipelinewaarde"),
            description="Value of open opportunities at a point in time.",
        ),
        _builtin(
            "demos_booked",
            "demos booked",
            "geboekte demo's",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=(
                "demos",
                "sales demos",
                "booked demos",
                "booked sales demos",
                "sales demos booked",
                "product demos",
            ),
            nl_synonyms=("demo's", "verkoopdemo's", "geboekte verkoopdemo's", "demos"),
            description="Product demonstrations booked with prospects.",
        ),
        _builtin(
            "meetings",
            "meetings",
            "afspraken",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("sales meetings", "meetings booked", "appointments"),
            nl_synonyms=("verkoopafspraken", "meetings", "gesprekken ingepland"),
            description="Meetings held with prospects.",
        ),
        _builtin(
            "calls",
            "calls",
            "telefoongesprekken",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("phone calls", "sales calls", "cold calls", "calls made", "dials"),
            nl_synonyms=(
                "gevoerde telefoongesprekken",
                "telefoontjes",
                "belletjes",
                "verkoopgesprekken",
                "gesprekken",
            ),
            description="Calls made to prospects and customers.",
        ),
        _builtin(
            "emails",
            "emails sent",
            "verzonden e-mails",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("emails", "e-mails", "sales emails", "outreach emails"),
            nl_synonyms=("e-mails", "verkoopmails", "mails", "emails"),
            description="Sales emails sent.",
        ),
        _builtin(
            "prospects_contacted",
            "prospects contacted",
            "gecontacteerde prospects",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("prospecting", "prospects", "prospecting efforts"),
            nl_synonyms=("prospectie", "prospects", "prospectie-inspanningen"),
            description="Potential customers contacted while prospecting.",
        ),
        _builtin(
            "discovery_calls",
            "discovery calls",
            "ontdekkingsgesprekken",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("discovery meetings",),
            nl_synonyms=("discoverygesprekken",),
            description="First calls to learn a prospect's needs.",
        ),
        _builtin(
            "qualified_sales_calls",
            "qualified sales calls",
            "gekwalificeerde verkoopgesprekken",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("qualifying sales calls", "qualification calls"),
            nl_synonyms=("kwalificerende verkoopgesprekken",),
            description="Calls with prospects who fit and show interest.",
        ),
        _builtin(
            "sales_cycle_length",
            "sales cycle length",
            "lengte van de verkoopcyclus",
            _DAYS,
            _DOWN,
            _AVG,
            en_synonyms=("sales cycle", "deal cycle", "sales cycle time"),
            nl_synonyms=("verkoopcyclus", "duur van de verkoopcyclus", "doorlooptijd"),
            unbounded=True,
            description="Days from opportunity creation to close.",
        ),
        _builtin(
            "lead_conversion_time",
            "lead conversion time",
            "leadconversietijd",
            _DAYS,
            _DOWN,
            _AVG,
            en_synonyms=(
                "time to convert a lead",
                "conversion cycle",
                "lead-to-customer time",
                "time to convert a lead into a customer",
            ),
            nl_synonyms=("conversiecyclus", "tijd om een lead om te zetten in een klant"),
            unbounded=True,
            description="Days from first contact to customer.",
        ),
        _builtin(
            "win_rate",
            "win rate",
            "winstpercentage",
            _RAT,
            _UP,
            _AVG,
            en_synonyms=("win ratio", "winrate", "win percentage", "average win rate"),
            nl_synonyms=("winratio", "gemiddelde winstpercentage", "winpercentage"),
            description="Won deals as a share of deals won or lost.",
        ),
        _builtin(
            "close_rate",
            "close rate",
            "sluitingspercentage",
            _RAT,
            _UP,
            _AVG,
            en_synonyms=("closing rate", "close ratio", "closing ratio"),
            nl_synonyms=("sluitratio", "closing ratio", "afsluitpercentage"),
            description="Deals won as a share of opportunities or prospects worked.",
        ),
        _builtin(
            "conversion_rate",
            "conversion rate",
            "conversieratio",
            _RAT,
            _UP,
            _AVG,
            en_synonyms=("conversion", "conversion ratio", "conversion percentage"),
            nl_synonyms=("conversiepercentage", "conversie", "conversiegraad"),
            description="Share of a population that reaches the next stage (kpi.conversion_rate).",
        ),
        _builtin(
            "lead_to_mql_rate",
            "lead to MQL conversion rate",
            "conversie van leads naar MQL",
            _RAT,
            _UP,
            _AVG,
            en_synonyms=("lead to mql conversion", "lead-to-mql rate", "lead to mql rate"),
            nl_synonyms=("conversie van lead naar mql", "lead-naar-mql-conversie"),
            description="Share of leads that become marketing qualified leads.",
        ),
        _builtin(
            "mql_to_sql_rate",
            "MQL to SQL conversion rate",
            "conversie van MQL naar SQL",
            _RAT,
            _UP,
            _AVG,
            en_synonyms=("mql to sql conversion", "mql-to-sql rate", "mql to sql rate"),
            nl_synonyms=("mql-naar-sql-conversie", "conversie van mqls naar sqls"),
            description="Share of marketing qualified leads that sales accepts as qualified.",
        ),
        _builtin(
            "sql_to_opportunity_rate",
            "SQL to opportunity conversion rate",
            "conversie van SQL naar verkoopkans",
            _RAT,
            _UP,
            _AVG,
            en_synonyms=("sql to opportunity conversion", "sql-to-opportunity rate"),
            nl_synonyms=("sql-naar-verkoopkans-conversie",),
            description="Share of sales qualified leads that become opportunities.",
        ),
        _builtin(
            "average_deal_size",
            "average deal size",
            "gemiddelde dealgrootte",
            _CUR,
            _UP,
            _AVG,
            en_synonyms=(
                "deal size",
                "average transaction size",
                "average order value",
                "average contract value",
            ),
            nl_synonyms=(
                "dealgrootte",
                "gemiddelde transactiegrootte",
                "transactiegrootte",
                "gemiddelde transactieomvang",
                "dealomvang",
            ),
            description="Average amount of a won deal.",
        ),
        _builtin(
            "quota_attainment",
            "quota attainment",
            "quotumrealisatie",
            _RAT,
            _UP,
            _AVG,
            en_synonyms=("attainment", "quota achievement", "percent of quota"),
            nl_synonyms=("quotarealisatie", "quotabehaling"),
            unbounded=True,
            signed=True,  # clawbacks can take attainment below zero
            description="Actual sales as a share of quota.",
        ),
        _builtin(
            "mentoring_hours",
            "mentoring hours",
            "mentoruren",
            _HRS,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=(
                "hours spent mentoring",
                "hours of mentoring",
                "mentorship hours",
                "hours spent mentoring salespeople",
                "mentoring",
            ),
            nl_synonyms=(
                "uren besteed aan mentorschap",
                "uren mentorschap",
                "mentorschapsuren",
                "uren besteed aan mentorschap van verkopers",
                "mentorschap",
            ),
            unbounded=True,
            description="Hours spent mentoring salespeople.",
        ),
        _builtin(
            "sales_trainings",
            "sales trainings",
            "verkooptrainingen",
            _CNT,
            _UP,
            _SUM,
            kind=_ACT,
            en_synonyms=("trainings", "training sessions", "sales training sessions"),
            nl_synonyms=("trainingen", "verkoopopleidingen"),
            description="Sales training sessions taken or given.",
        ),
        _builtin(
            "employee_turnover",
            "employee turnover rate",
            "personeelsverloop",
            _RAT,
            _DOWN,
            _AVG,
            en_synonyms=(
                "employee turnover",
                "staff turnover",
                "attrition",
                "rep attrition",
                "sales rep turnover",
            ),
            nl_synonyms=("verloop van personeel", "personeelsverlooppercentage"),
            unbounded=True,  # 60 leavers on an average headcount of 50 is 1.2
            description="Separations as a share of average headcount.",
        ),
    ]


def _entry_points(*, group: str) -> tuple[EntryPoint, ...]:
    # Read on first catalog use, from the metadata folders: importlib.metadata would cost
    # tens of milliseconds to import.
    from smartgoals._entry_points import entry_points

    return entry_points(group=group)


_DEFAULT: MetricCatalog | None = None
_DEFAULT_LOCK = threading.Lock()


def default_catalog() -> MetricCatalog:
    """The process-wide catalog: built-in metrics plus entry-point plugins.

    >>> default_catalog() is default_catalog()
    True
    """
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = MetricCatalog(_builtin_metrics(), load_entry_points=True)
    return _DEFAULT


def get(key: str) -> Metric:
    """Return the metric with ``key`` from the default catalog.

    Raises:
        InvalidInputError: if no metric has that key.

    >>> get("win_rate").names["nl"]
    'winstpercentage'
    """
    return default_catalog().get(key)


def find(text: str, lang: str | None = None) -> Metric | None:
    """Find a metric in the default catalog by key, name or synonym (case-insensitive).

    >>> find("Sales Qualified Leads").key, find("gekwalificeerde leads", lang="nl").key
    ('sql', 'sql')
    """
    return default_catalog().find(text, lang)


def register(metric: Metric, *, replace: bool = False) -> Metric:
    """Register ``metric`` in the default catalog and return it.

    Raises:
        RegistrationError: if the key is taken, naming both origins.

    >>> register(get("revenue"))
    Traceback (most recent call last):
    ...
    smartgoals.exceptions.RegistrationError: duplicate metric key 'revenue': registered by 'smartgoals' and by 'smartgoals'; choose another key or pass replace=True
    """
    return default_catalog().register(metric, replace=replace)


# Shadows the builtin on purpose: `smartgoals.metrics.all()` reads as the catalog listing.
def all() -> tuple[Metric, ...]:
    """Every metric in the default catalog, sorted by key.

    >>> [m.key for m in all()][:3]
    ['arpa', 'arr', 'average_deal_size']
    """
    return default_catalog().all()
