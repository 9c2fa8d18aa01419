"""Decides what "today" is: the --today flag, else KBGEN_TODAY, else SOURCE_DATE_EPOCH, else the clock."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from kbgen.config.settings import ConfigError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Today:
    date: date
    source: str  # shown in report headers, e.g. "--today"

    def __str__(self) -> str:
        return f"today={self.date.isoformat()} (from {self.source})"


def parse_iso_date(text: str, origin: str) -> date:
    """Strict YYYY-MM-DD; the error names where the value came from."""
    try:
        if not _ISO_DATE.match(text):
            raise ValueError("expected YYYY-MM-DD")
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"{origin}: '{text}' is not a valid date ({exc})") from None


def resolve_today(flag: str | None, environ: Mapping[str, str], timezone: str = "UTC") -> Today:
    """The clock is read last, in the site's time zone, so local TZ never changes the stale set."""
    if flag:
        return Today(parse_iso_date(flag, "--today"), "--today")
    if environ.get("KBGEN_TODAY"):
        return Today(parse_iso_date(environ["KBGEN_TODAY"], "KBGEN_TODAY"), "KBGEN_TODAY")
    zone = zoneinfo.ZoneInfo(timezone)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        if not (epoch.isascii() and epoch.isdigit()):
            wrong = "is before 1970-01-01" if epoch[:1] == "-" and epoch[1:].isdigit() else "is not a Unix time"
            raise ConfigError(
                f"SOURCE_DATE_EPOCH: '{epoch}' {wrong}; set it to whole seconds since 1970-01-01 in ASCII digits, "
                "as `date +%s` prints (such as 1795305600), or unset it"
            )
        try:
            moment = datetime.fromtimestamp(int(epoch), UTC).astimezone(zone)
        except (OverflowError, OSError, ValueError):
            raise ConfigError(
                f"SOURCE_DATE_EPOCH: '{epoch}' is past the last date kbgen knows (9999-12-31); "
                "set it to a Unix time in seconds such as 1795305600"
            ) from None
        return Today(moment.date(), "SOURCE_DATE_EPOCH")
    return Today(datetime.now(zone).date(), f"clock, {timezone}")
