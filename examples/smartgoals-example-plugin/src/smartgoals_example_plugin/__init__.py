"""An example smartgoals rule plugin: revenue goals must name a product line (ACME001).

ACME sells several product lines and wants every revenue goal to say which one it is
about. The product lines come from the scoring context, under the key
``"acme.product_lines"``; without them the rule is undecided and says so.

>>> from smartgoals import metrics
>>> from smartgoals.goals import Goal, Target
>>> from smartgoals.scoring import Context
>>> goal = Goal(statement="Increase revenue by 10% in 2027", metric=metrics.get("revenue"))
>>> context = Context(extras={"acme.product_lines": ["Anvils", "Rockets"]})
>>> [f.message for f in product_line.check(goal, context, "en")]
['The revenue goal does not name a product line (Anvils, Rockets).']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from smartgoals.goals import Goal
from smartgoals.scoring import Context, Criterion, Hit, Severity, rule

__all__ = ["PRODUCT_LINES_KEY", "REVENUE_METRICS", "RULES", "product_line"]

#: The context key that holds ACME's product line names.
PRODUCT_LINES_KEY: Final = "acme.product_lines"
#: Metrics whose goals must name a product line.
REVENUE_METRICS: Final = frozenset({"revenue", "mrr", "arr"})


@rule(
    "ACME001",
    Criterion.SPECIFIC,
    summary="Revenue goal names no product line",
    message={
        "en": "The revenue goal does not name a product line ({lines}).",
        "nl": "Het omzetdoel noemt geen productlijn ({lines}).",
    },
    suggestion={
        "en": "Say which product line the revenue comes from, e.g. 'revenue from {example}'.",
        "nl": "Zeg uit welke productlijn de omzet komt, bijv. 'omzet uit {example}'.",
    },
    severity=Severity.WARNING,
    field="statement",
    evidence=[f"extras:{PRODUCT_LINES_KEY}"],
)
def product_line(goal: Goal, context: Context) -> Iterator[Hit]:
    """Checks that a revenue goal names one of ACME's product lines.

    The statement and the strategy are searched for the product line names given in
    ``Context.extras["acme.product_lines"]`` (whole words, any case).

    Why it matters:
        ACME plans and pays commission per product line; a revenue goal that does not
        say which line it is about cannot be planned or paid out.

    Example:
        Increase revenue by 10% in 2027.

    Use instead:
        Increase revenue from Anvils by 10% in 2027.
    """
    if goal.metric is None or goal.metric.key not in REVENUE_METRICS:
        return
    configured = context.extras[PRODUCT_LINES_KEY]
    if isinstance(configured, str) or not isinstance(configured, Iterable):
        configured = [configured]
    lines = [str(name) for name in configured]
    text = f"{goal.statement or ''} {goal.strategy or ''}"
    if not any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in lines
    ):
        yield Hit({"lines": ", ".join(lines), "example": lines[0] if lines else "…"})


#: The plugin's rules, named by the ``smartgoals.rules`` entry point in pyproject.toml.
RULES = (product_line,)
