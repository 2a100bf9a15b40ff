"""Calendar periods in SQL: the one place that knows how each database truncates a date.

A period is named by its first day as an ISO date (``2016-09-12``): a month by its 1st, an ISO
week by its Monday, a day by itself, always in UTC (stored dates are UTC on both databases).
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, func

PERIODS = ("month", "week", "day")
# SQLite's date() modifiers that move a day to the first day of its period
SQLITE_MODIFIERS: dict[str, tuple[str, ...]] = {
    "month": ("start of month",),
    "week": ("-6 days", "weekday 1"),  # back six days, then forward to the next Monday: this week's Monday
    "day": (),
}


class UnsupportedDialect(ValueError):
    """A database this module has no date functions for."""


def period_start(dialect: str, period: str, moment: ColumnElement) -> ColumnElement[str]:
    """The first day of the ``period`` (month, week or day) holding ``moment``, as 'YYYY-MM-DD'."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    if dialect == "postgresql":
        # date_trunc on a timestamptz would cut in the session's time zone; timezone() makes it UTC
        return func.to_char(func.date_trunc(period, func.timezone("UTC", moment)), "YYYY-MM-DD")
    if dialect == "sqlite":
        return func.date(moment, *SQLITE_MODIFIERS[period])
    raise UnsupportedDialect(f"no calendar periods for the {dialect} database")
