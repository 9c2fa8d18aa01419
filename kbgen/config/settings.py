"""kbgen's settings: parsed and validated from the `kbgen` plugin block of mkdocs.yml."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from kbgen.review.durations import Interval, parse_interval


class ConfigError(Exception):
    """Bad configuration: a tool failure, reported with the key and exit code 2."""


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class ContactOption:
    label: str
    url: str


def _interval(key: str, value: Any) -> Interval:
    if not isinstance(value, str):
        raise ConfigError(f"kbgen config '{key}': expected an interval such as '180d', got {value!r}")
    try:
        return parse_interval(value)
    except ValueError as exc:
        raise ConfigError(f"kbgen config '{key}': {exc}") from None


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise ConfigError(f"kbgen config '{key}': expected a list of strings, got {value!r}")
    for item in value:
        if not isinstance(item, str):
            hint = f'; quote it: "{item}"' if isinstance(item, int | float) else ""
            raise ConfigError(f"kbgen config '{key}': {item!r} is not a string{hint}")
    return tuple(value)


def _positive_int(key: str, value: Any, unit: str = "bytes") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ConfigError(f"kbgen config '{key}': expected a positive number of {unit}, got {value!r}")
    return value


def _contact(key: str, value: Any) -> tuple[ContactOption, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"kbgen config '{key}': expected a list of {{label, url}} entries")
    options = []
    for index, item in enumerate(value):
        if not (isinstance(item, dict) and isinstance(item.get("label"), str) and isinstance(item.get("url"), str)):
            raise ConfigError(f"kbgen config '{key}[{index}]': expected a mapping with string 'label' and 'url'")
        options.append(ContactOption(item["label"], item["url"]))
    return tuple(options)


def _category_intervals(key: str, value: Any) -> dict[str, Interval]:
    """Keys are section paths below the language (`billing`, `billing/invoices`); the longest match wins."""
    if not isinstance(value, dict):
        raise ConfigError(f"kbgen config '{key}': expected a mapping of category to interval")
    intervals = {}
    for name, text in sorted(value.items(), key=lambda item: str(item[0])):
        path = str(name).strip().strip("/")
        if not path or any(part in ("", ".", "..") for part in path.split("/")):
            raise ConfigError(
                f"kbgen config '{key}': {name!r} is not a section path such as 'billing' or 'billing/invoices'"
            )
        intervals[path] = _interval(f"{key}.{name}", text)
    return intervals


def _timezone(key: str, value: Any) -> str:
    try:
        zoneinfo.ZoneInfo(str(value))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"kbgen config '{key}': unknown time zone {value!r}; use an IANA name like 'UTC'") from None
    return str(value)


def _boolean(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"kbgen config '{key}': expected true or false, got {value!r}")
    return value


def _notice_text(key: str, value: Any) -> dict[str, str]:
    """Wording per language; only the {reviewed} and {due} placeholders are known."""
    if not isinstance(value, dict):
        raise ConfigError(f"kbgen config '{key}': expected a mapping of language to text")
    for lang, text in value.items():
        if not isinstance(text, str):
            raise ConfigError(f"kbgen config '{key}.{lang}': expected text, got {text!r}")
        try:
            text.format(reviewed="", due="")
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(
                f"kbgen config '{key}.{lang}': bad placeholder {exc}; use {{reviewed}} or {{due}}"
            ) from None
    return {str(lang): text for lang, text in sorted(value.items())}


def _site_file(key: str, value: Any) -> str:
    """A file of the site named by its path inside the docs folder (`assets/social.png`), or an https:// URL."""
    text = value.strip() if isinstance(value, str) else ""
    if text.startswith(("https://", "http://")):
        return text
    parts = text.split("/")
    if not text or text.startswith("/") or "\\" in text or any(part in ("", ".", "..") for part in parts):
        raise ConfigError(
            f"kbgen config '{key}': {value!r} is not a path inside the docs folder such as 'assets/social.png' "
            "(or an https:// address)"
        )
    return text


def _article_count(key: str, value: Any) -> int:
    return _positive_int(key, value, "articles")


def _folder_count(key: str, value: Any) -> int:
    return _positive_int(key, value, "folders")


@dataclass(frozen=True, slots=True)
class Option:
    """How one plugin option is read: the YAML type it must have (MkDocs checks it too), then kbgen's parser."""

    kind: type
    parse: Callable[[str, Any], Any]


def _option(
    kind: type, parse: Callable[[str, Any], Any], default: Any = None, factory: Callable[[], Any] | None = None
) -> Any:
    """A KbConfig field that is also a plugin option, so adding an option is one line here."""
    option = {"option": Option(kind, parse)}
    if factory is not None:
        return field(default_factory=factory, metadata=option)
    return field(default=default, metadata=option)


@dataclass(frozen=True, slots=True)
class KbConfig:
    """Validated settings; every field is an option of the plugin block with a default, so an empty block works."""

    review_interval: Interval = _option(str, _interval, Interval(180, "d"))
    due_soon: Interval = _option(str, _interval, Interval(30, "d"))
    product_versions: tuple[str, ...] = _option(list, _strings, ())
    supported_versions: tuple[str, ...] = _option(list, _strings, ())
    languages: tuple[str, ...] = _option(list, _strings, ())
    category_intervals: Mapping[str, Interval] = _option(dict, _category_intervals, factory=dict)
    date_formats: tuple[str, ...] = _option(list, _strings, ("%Y-%m-%d",))
    timezone: str = _option(str, _timezone, "UTC")
    max_file_size: int = _option(int, _positive_int, 1024 * 1024)
    max_front_matter_size: int = _option(int, _positive_int, 64 * 1024)
    contact: tuple[ContactOption, ...] = _option(list, _contact, ())
    stale_notice: bool = _option(bool, _boolean, True)  # the reader-facing "last reviewed" notice on stale articles
    stale_notice_text: Mapping[str, str] = _option(dict, _notice_text, factory=dict)  # per language; {reviewed}, {due}
    dashboard: bool = _option(bool, _boolean, False)  # the maintenance dashboard page, for internal builds only
    social_image: str = _option(str, _site_file, "")  # the picture of a shared link (Open Graph), else the logo
    nav_articles_per_category: int = _option(int, _article_count, 25)  # then "All N articles" ends the sidebar list
    max_depth: int = _option(int, _folder_count, 6)  # section folders allowed below a language, the category included

    def folder_interval(self, path: tuple[str, ...]) -> tuple[tuple[str, ...], Interval] | None:
        """The `category_intervals` entry for the longest prefix of a section path, with that prefix."""
        for end in range(len(path), 0, -1):
            found = self.category_intervals.get("/".join(path[:end]))
            if found is not None:
                return path[:end], found
        return None

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "en"

    def accepts_language(self, code: str) -> bool:
        if self.languages:
            return code in self.languages
        return bool(LANGUAGE_CODE.match(code))


OPTIONS: Mapping[str, Option] = {item.name: item.metadata["option"] for item in fields(KbConfig)}
KNOWN_KEYS = frozenset(OPTIONS)


def parse_config(raw: Mapping[str, Any] | None) -> KbConfig:
    """Validate the plugin block; unknown keys are errors so typos never pass silently."""
    raw = dict(raw or {})
    unknown = sorted(set(raw) - KNOWN_KEYS - {"enabled"})
    if unknown:
        raise ConfigError(f"kbgen config: unknown key '{unknown[0]}'; known keys: {', '.join(sorted(KNOWN_KEYS))}")
    values: dict[str, Any] = {
        key: OPTIONS[key].parse(key, value) for key, value in raw.items() if key in OPTIONS and value is not None
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
