"""Periods of the dashboard rollup, as keys (all UTC): a month "YYYY-MM", a day "YYYY-MM-DD", and a span
"YYYY-MM-DD/YYYY-MM-DD" (from the first day up to, not including, the second) summed from the months and days in it.

The dashboard reads a handful of periods per figure — all closed months as one span, this month up to today as one
span, each month of the trend window and the window's first part-month as a span — and counts the rest live.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

MONTH, DAY, SPAN = 7, 10, 21  # key lengths
TREND_MONTHS = 12
Range = tuple[datetime | None, datetime | None]  # [start, end), None: unbounded


def trend_since(now: datetime, months: int = TREND_MONTHS) -> datetime:
    """Start of the score trend window (the dashboard's rule: ``months`` × 31 days back)."""
    return now - timedelta(days=31 * months)


def month_key(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m")


def day_key(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d")


def span_key(start: datetime, end: datetime) -> str:
    return f"{day_key(start)}/{day_key(end)}"


def _parse_day(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)


def next_month(key: str) -> str:
    year, month = (int(part) for part in key[:MONTH].split("-"))
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def period_start(key: str) -> datetime:
    return _parse_day(f"{key}-01" if len(key) == MONTH else key[:DAY])


def period_end(key: str) -> datetime:
    if len(key) == SPAN:
        return _parse_day(key[DAY + 1 :])
    return period_start(key) + timedelta(days=1) if len(key) == DAY else period_start(next_month(key))


def day_start(moment: datetime) -> datetime:
    return period_start(day_key(moment))


def month_start(moment: datetime) -> datetime:
    return period_start(month_key(moment))


def next_boundary(moment: datetime) -> datetime:
    """The first month start at or after ``moment``."""
    start = month_start(moment)
    return start if start == moment else period_start(next_month(month_key(moment)))


def parts_of(span: str) -> list[str]:
    """The months wholly inside a span, and days for the rest."""
    parts, at, end = [], period_start(span), period_end(span)
    while at < end:
        month = month_key(at)
        if at == period_start(month) and period_end(month) <= end:
            parts.append(month)
            at = period_end(month)
        else:
            parts.append(day_key(at))
            at += timedelta(days=1)
    return parts


def read_periods(first: datetime, today: datetime, since: datetime | None = None) -> list[str]:
    """Closed, non-overlapping periods to read for a window from ``since`` (None: all time, from the month of the
    ``first`` data) up to ``today`` (a day start), which stays live."""
    this_month, periods = month_start(today), []
    if since is None:
        if month_start(first) < this_month:
            periods.append(span_key(month_start(first), this_month))
    else:
        head = day_start(since) if day_start(since) == since else day_start(since) + timedelta(days=1)
        if head >= this_month:
            return [span_key(head, today)] if head < today else []
        boundary = next_boundary(head)
        if head < boundary:
            periods.append(span_key(head, boundary))
        month = month_key(boundary)
        while period_start(month) < this_month:
            periods.append(month)
            month = next_month(month)
    if this_month < today:
        periods.append(span_key(this_month, today))
    return periods


def uncovered(covered: set[str], since: datetime | None = None) -> list[Range]:
    """The time from ``since`` (None: from the beginning) that no covered period holds, as ranges; the last one is
    open-ended. ``covered`` must not overlap (``read_periods`` gives such). Before the first period there is
    normally no data, but a period not yet built leaves a gap anywhere, so it is counted too."""
    ranges: list[Range] = []
    lo: datetime | None = since
    for key in sorted(covered, key=period_start):
        start = period_start(key)
        if since is not None and start < since:
            continue
        if lo is None or lo < start:
            ranges.append((lo, start))
        lo = period_end(key)
    ranges.append((lo, None))
    return ranges
