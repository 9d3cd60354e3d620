"""Finance KPIs: contribution margin ratio and break-even sales and units.

Break-even analysis assumes a constant price, constant variable cost per unit and fixed
costs that do not change with volume (the cost-volume-profit model of managerial
accounting). Results follow the number rules of :mod:`smartgoals.kpi`.
"""

from __future__ import annotations

from smartgoals.exceptions import InvalidInputError
from smartgoals.kpi._numeric import (
    Number,
    NumberLike,
    exact,
    finish,
    kind_of,
    nonnegative,
    rate,
    undefined,
)

__all__ = ["break_even_sales", "break_even_units", "contribution_margin_ratio"]


def contribution_margin_ratio(
    sales: NumberLike, variable_costs: NumberLike, *, strict: bool = False
) -> Number:
    """Return the contribution margin ratio: (sales − variable costs) ÷ sales.

    The share of each sale left to cover fixed costs and profit.

    Args:
        sales: Sales revenue, zero or more.
        variable_costs: Costs that grow with sales, zero or more.
        strict: Raise instead of returning NaN when there are no sales.

    Returns:
        The ratio (negative when variable costs exceed sales); NaN when ``sales`` is zero.

    Raises:
        InvalidInputError: for negative sales or costs.
        UndefinedMetricError: with ``strict=True``, when ``sales`` is zero.

    >>> contribution_margin_ratio(200_000, 120_000)
    0.4
    """
    kind = kind_of(sales, variable_costs)
    revenue = nonnegative(sales, "sales")
    costs = nonnegative(variable_costs, "variable_costs")
    if revenue == 0:
        return undefined("contribution_margin_ratio", "there are no sales", kind, strict=strict)
    return finish((revenue - costs) / revenue, kind)


def break_even_sales(
    fixed_costs: NumberLike, contribution_margin_ratio: NumberLike, *, strict: bool = False
) -> Number:
    """Return break-even sales revenue: fixed costs ÷ contribution margin ratio.

    Args:
        fixed_costs: Fixed costs of the period, zero or more.
        contribution_margin_ratio: Contribution margin ratio, in (0, 1].
        strict: Accepted for a uniform signature; the result is always defined.

    Returns:
        The sales revenue at which profit is zero.

    Raises:
        InvalidInputError: for negative fixed costs, or a ratio that is not in (0, 1]
            (at a ratio of zero or less no volume of sales breaks even).

    >>> break_even_sales(60_000, 0.4)
    150000.0
    """
    kind = kind_of(fixed_costs, contribution_margin_ratio)
    costs = nonnegative(fixed_costs, "fixed_costs")
    ratio = rate(contribution_margin_ratio, "contribution_margin_ratio")
    if ratio == 0:
        raise InvalidInputError(
            "contribution_margin_ratio must be above zero, got "
            f"{contribution_margin_ratio!r}; without margin no sales volume breaks even",
            name="contribution_margin_ratio",
            value=contribution_margin_ratio,
        )
    return finish(costs / ratio, kind)


def break_even_units(
    fixed_costs: NumberLike,
    price: NumberLike,
    unit_variable_cost: NumberLike,
    *,
    strict: bool = False,
) -> Number:
    """Return break-even volume in units: fixed costs ÷ (price − variable cost per unit).

    The result is not rounded; round it up (:func:`math.ceil`) for whole units.

    Args:
        fixed_costs: Fixed costs of the period, zero or more.
        price: Price per unit.
        unit_variable_cost: Variable cost per unit, zero or more, below ``price``.
        strict: Accepted for a uniform signature; the result is always defined.

    Returns:
        The number of units at which profit is zero.

    Raises:
        InvalidInputError: for negative costs, or a price not above the unit variable cost
            (each unit would lose money or break even, so no volume covers fixed costs).

    >>> break_even_units(60_000, 50, 20)
    2000.0
    """
    kind = kind_of(fixed_costs, price, unit_variable_cost)
    costs = nonnegative(fixed_costs, "fixed_costs")
    unit_price = exact(price, "price")
    unit_cost = nonnegative(unit_variable_cost, "unit_variable_cost")
    if unit_price <= unit_cost:
        raise InvalidInputError(
            f"price ({price}) must be above unit_variable_cost ({unit_variable_cost}): "
            "with no margin per unit no volume breaks even",
            name="price",
            value=price,
        )
    return finish(costs / (unit_price - unit_cost), kind)
