"""Review intervals such as `180d`, `6w`, `6m`, `1y`, and calendar arithmetic on them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_INTERVAL = re.compile(r"^\s*(\d{1,5})\s*([dwmy])\s*$")


@dataclass(frozen=True, slots=True)
class Interval:
    """A span counted in days or in calendar months, so `1m` from Jan 31 lands on Feb 28/29."""

    count: int
    unit: str  # one of d, w, m, y

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def add_to(self, start: date) -> date:
        if self.unit == "d":
            return start + timedelta(days=self.count)
        if self.unit == "w":
            return start + timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        return _add_months(start, months)


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
    return Interval(int(match.group(1)), match.group(2))
