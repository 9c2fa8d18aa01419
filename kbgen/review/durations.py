"""Review intervals such as `180d`, `6w`, `6m`, `1y`, and calendar arithmetic on them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_INTERVAL = re.compile(r"^\s*(\d{1,5})\s*([dwmy])\s*$")
# The longest interval kbgen accepts, per unit: a century. Longer ones are typos (or mean "never", which is
# `evergreen: true`), and they are what pushes `reviewed + interval` past the last date Python can represent.
MAX_COUNT = {"d": 36_525, "w": 5_218, "m": 1_200, "y": 100}
_UNIT_NAMES = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


class DateOverflow(ValueError):
    """A date plus an interval falls after 9999-12-31, the last date kbgen (and Python) can represent."""


@dataclass(frozen=True, slots=True)
class Interval:
    """A span counted in days or in calendar months, so `1m` from Jan 31 lands on Feb 28/29."""

    count: int
    unit: str  # one of d, w, m, y

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def add_to(self, start: date) -> date:
        """Raises DateOverflow (never a bare OverflowError) when the result is past the end of the calendar."""
        try:
            if self.unit == "d":
                return start + timedelta(days=self.count)
            if self.unit == "w":
                return start + timedelta(weeks=self.count)
            months = self.count * (12 if self.unit == "y" else 1)
            return _add_months(start, months)
        except (OverflowError, ValueError):
            raise DateOverflow(f"{start.isoformat()} + {self} is after {date.max.isoformat()}") from None

    def add_capped(self, start: date) -> date:
        """`add_to`, saturating at 9999-12-31: for a window end, "past the calendar" means "every date"."""
        try:
            return self.add_to(start)
        except DateOverflow:
            return date.max


def _add_months(start: date, months: int) -> date:
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last_day))


def parse_interval(text: str) -> Interval:
    """Parse `180d`/`6w`/`6m`/`1y`; raises ValueError with the accepted forms."""
    match = _INTERVAL.match(text)
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"'{text}' is not an interval; write a positive number and a unit: 180d, 6w, 6m or 1y")
    count, unit = int(match.group(1)), match.group(2)
    if count > MAX_COUNT[unit]:
        most = "" if unit == "y" else f" ({MAX_COUNT[unit]} {_UNIT_NAMES[unit]})"
        raise ValueError(f"'{text.strip()}' is more than 100 years{most}; check the number")
    return Interval(count, unit)
