"""kbgen's settings: parsed and validated from the `kbgen` plugin block of mkdocs.yml."""

from __future__ import annotations

import re
import string
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kbgen.review.durations import Interval, parse_interval


class ConfigError(Exception):
    """Bad configuration: a tool failure, reported with the key and exit code 2."""


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
# Upper bounds: a value past these is a typo, and would switch off the protection the option exists for.
MAX_SIZES = {"max_file_size": 64 * 1024 * 1024, "max_front_matter_size": 1024 * 1024}
MAX_NAV_ARTICLES = 10_000
MAX_DATE_FORMATS = 20
MAX_FORMAT_LENGTH = 100
# Dates a format must write and read back unchanged: a month and day that cannot be swapped, two years.
_PROBE_DATES = (date(2024, 1, 31), date(2031, 12, 5))
NOTICE_PLACEHOLDERS = ("reviewed", "due")
# Where a "contact support" link may point: never javascript: or data:, since the search page renders it.
SAFE_CONTACT_URL = re.compile(r"^(https?://|mailto:|tel:|/|\.|#|[A-Za-z0-9_-]+(/|$))")


@dataclass(frozen=True, slots=True)
class ContactOption:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class KbConfig:
    """Validated settings; every field has a default so an empty block works."""

    review_interval: Interval = Interval(180, "d")
    due_soon: Interval = Interval(30, "d")
    product_versions: tuple[str, ...] = ()
    supported_versions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    category_intervals: Mapping[str, Interval] = field(default_factory=dict)
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)
    timezone: str = "UTC"
    max_file_size: int = 1024 * 1024
    max_front_matter_size: int = 64 * 1024
    contact: tuple[ContactOption, ...] = ()
    stale_notice: bool = True  # the reader-facing "last reviewed" notice on stale articles
    stale_notice_text: Mapping[str, str] = field(default_factory=dict)  # per language; {reviewed} and {due}
    dashboard: bool = False  # the maintenance dashboard page, for internal builds only
    nav_articles_per_category: int = 25  # longer categories end their sidebar list with "All N articles"

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "en"

    def accepts_language(self, code: str) -> bool:
        if self.languages:
            return code in self.languages
        return bool(LANGUAGE_CODE.match(code))


def _interval(key: str, value: Any) -> Interval:
    if not isinstance(value, str):
        raise ConfigError(f"kbgen config '{key}': expected an interval such as '180d', got {_shown(value)}")
    try:
        return parse_interval(value)
    except ValueError as exc:
        raise ConfigError(f"kbgen config '{key}': {exc}") from None


def _shown(value: Any) -> str:
    """A value as quoted in a message, cut short so a huge one cannot flood the terminal."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise ConfigError(f"kbgen config '{key}': expected a list of strings, got {_shown(value)}")
    for item in value:
        if not isinstance(item, str):
            hint = f'; quote it: "{item}"' if isinstance(item, int | float) and not isinstance(item, bool) else ""
            raise ConfigError(f"kbgen config '{key}': {_shown(item)} is not a string{hint}")
        if not item.strip():
            raise ConfigError(f"kbgen config '{key}': an empty entry; remove it")
    return tuple(value)


def _positive_int(key: str, value: Any, unit: str = "bytes", limit: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ConfigError(f"kbgen config '{key}': expected a positive number of {unit}, got {_shown(value)}")
    if limit is not None and value > limit:
        raise ConfigError(f"kbgen config '{key}': {value} is too large (at most {limit:,} {unit})")
    return value


def _contact(value: Any) -> tuple[ContactOption, ...]:
    if not isinstance(value, list):
        raise ConfigError("kbgen config 'contact': expected a list of {label, url} entries")
    options = []
    for index, item in enumerate(value):
        if not (isinstance(item, dict) and isinstance(item.get("label"), str) and isinstance(item.get("url"), str)):
            raise ConfigError(f"kbgen config 'contact[{index}]': expected a mapping with string 'label' and 'url'")
        if not item["label"].strip() or not SAFE_CONTACT_URL.match(item["url"].strip()):
            raise ConfigError(
                f"kbgen config 'contact[{index}]': {_shown(item['label'])} -> {_shown(item['url'])}: "
                "need a label and an http(s), mailto:, tel: or site-relative URL"
            )
        options.append(ContactOption(item["label"], item["url"]))
    return tuple(options)


def _category_intervals(value: Any) -> dict[str, Interval]:
    if not isinstance(value, dict):
        raise ConfigError("kbgen config 'category_intervals': expected a mapping of category to interval")
    for name in value:
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(
                f"kbgen config 'category_intervals': {_shown(name)} is not a category name; "
                "write the category folder's name as text"
            )
    return {name: _interval(f"category_intervals.{name}", text) for name, text in sorted(value.items())}


def _timezone(value: Any) -> str:
    problem = "" if isinstance(value, str) else "expected a time zone name"
    if not problem:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            problem = "unknown time zone"
    if problem:
        raise ConfigError(f"kbgen config 'timezone': {problem}, got {_shown(value)}; use an IANA name like 'UTC'")
    return str(value)


def _date_formats(value: Any) -> tuple[str, ...]:
    """Each format must read back every date it writes: `%Q`, a lone `%` or `{0.__class__}` would reject every date."""
    formats = _strings("date_formats", value)
    if not formats:
        raise ConfigError("kbgen config 'date_formats': empty; list at least one format, e.g. ['%Y-%m-%d']")
    if len(formats) > MAX_DATE_FORMATS:
        raise ConfigError(f"kbgen config 'date_formats': {len(formats)} formats (at most {MAX_DATE_FORMATS})")
    for fmt in formats:
        if len(fmt) > MAX_FORMAT_LENGTH:
            raise ConfigError(
                f"kbgen config 'date_formats': {_shown(fmt)} is longer than {MAX_FORMAT_LENGTH} characters"
            )
        for probe in _PROBE_DATES:
            try:
                written = probe.strftime(fmt)
                same = datetime.strptime(written, fmt).date() == probe
            except (ValueError, OverflowError):
                same = False
            if not same:
                raise ConfigError(
                    f"kbgen config 'date_formats': {fmt!r} does not read back the dates it writes "
                    f"({probe.isoformat()} -> {probe.strftime(fmt)!r}); use codes such as %Y, %m and %d"
                )
    return formats


def _boolean(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"kbgen config '{key}': expected true or false, got {_shown(value)}")
    return value


def _notice_text(value: Any) -> dict[str, str]:
    """Wording per language; only bare {reviewed} and {due}: an attribute, index, conversion or format spec
    would read Python internals into the page or fail on the first stale article."""
    if not isinstance(value, dict):
        raise ConfigError("kbgen config 'stale_notice_text': expected a mapping of language to text")
    for lang, text in value.items():
        if not isinstance(lang, str) or not LANGUAGE_CODE.match(lang):
            raise ConfigError(f"kbgen config 'stale_notice_text': {_shown(lang)} is not a language code such as 'en'")
        if not isinstance(text, str):
            raise ConfigError(f"kbgen config 'stale_notice_text.{lang}': expected text, got {_shown(text)}")
        try:
            fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)]
        except ValueError as exc:
            fields, problem = [], str(exc)
        else:
            problem = next(
                (_placeholder(name, spec, conversion) for name, spec, conversion in fields
                 if name is not None and (name not in NOTICE_PLACEHOLDERS or spec or conversion)),
                "",
            )  # fmt: skip
        if problem:
            raise ConfigError(
                f"kbgen config 'stale_notice_text.{lang}': bad placeholder {problem}; use {{reviewed}} or {{due}} "
                "(write {{ and }} for literal braces)"
            )
    return dict(sorted(value.items()))


def _placeholder(name: str, spec: str | None, conversion: str | None) -> str:
    return "'" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "'"


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "review_interval": lambda v: _interval("review_interval", v),
    "due_soon": lambda v: _interval("due_soon", v),
    "product_versions": lambda v: _strings("product_versions", v),
    "supported_versions": lambda v: _strings("supported_versions", v),
    "languages": lambda v: _strings("languages", v),
    "category_intervals": _category_intervals,
    "date_formats": _date_formats,
    "timezone": _timezone,
    "max_file_size": lambda v: _positive_int("max_file_size", v, limit=MAX_SIZES["max_file_size"]),
    "max_front_matter_size": lambda v: _positive_int(
        "max_front_matter_size", v, limit=MAX_SIZES["max_front_matter_size"]
    ),
    "contact": _contact,
    "stale_notice": lambda v: _boolean("stale_notice", v),
    "stale_notice_text": _notice_text,
    "dashboard": lambda v: _boolean("dashboard", v),
    "nav_articles_per_category": lambda v: _positive_int(
        "nav_articles_per_category", v, "articles", limit=MAX_NAV_ARTICLES
    ),
}

KNOWN_KEYS = frozenset(_PARSERS)


def parse_config(raw: Mapping[str, Any] | None) -> KbConfig:
    """Validate the plugin block; unknown keys are errors so typos never pass silently."""
    raw = dict(raw or {})
    unknown = sorted((key for key in raw if key not in KNOWN_KEYS and key != "enabled"), key=str)
    if unknown:
        raise ConfigError(
            f"kbgen config: unknown key {_shown(unknown[0])}; known keys: {', '.join(sorted(KNOWN_KEYS))}"
        )
    if raw.get("enabled") is not None:
        _boolean("enabled", raw["enabled"])  # MkDocs itself refuses anything else
    values: dict[str, Any] = {
        key: _PARSERS[key](value) for key, value in raw.items() if key in _PARSERS and value is not None
    }
    config = KbConfig(**values)
    for language in config.languages:
        if not LANGUAGE_CODE.match(language):
            raise ConfigError(f"kbgen config 'languages': {language!r} is not a language code such as 'en' or 'zh'")
    if config.product_versions:
        stray = [v for v in config.supported_versions if v not in config.product_versions]
        if stray:
            raise ConfigError(f"kbgen config 'supported_versions': {stray[0]!r} is not listed in 'product_versions'")
    return config
