"""kbgen's settings: parsed and validated from the `kbgen` plugin block of mkdocs.yml."""

from __future__ import annotations

import fnmatch
import re
import string
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

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
# Where a contact option or footer link may point: never javascript: or data:, since pages and search render it.
SAFE_CONTACT_URL = re.compile(r"^(https?://|mailto:|tel:|/|\.|#|[A-Za-z0-9_-]+(/|$))")
_HOST = re.compile(r"([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?")
_EVERY_LANGUAGE = ""  # the key under which one text written for every language is kept

Localized = Mapping[str, str]
"""Reader-facing text by language code; a single text written for every language is kept under ""."""


def localized(texts: Localized, lang: str, default: str = "en") -> str:
    """The text for `lang`; parse_config has made sure every configured language has one."""
    for key in (lang, _EVERY_LANGUAGE, default):
        if key in texts:
            return texts[key]
    return next(iter(texts.values()), "")


@dataclass(frozen=True, slots=True)
class LinkOption:
    """A contact option or footer link: its label in each language and where it goes."""

    labels: Localized
    url: str

    def label(self, lang: str, default: str = "en") -> str:
        return localized(self.labels, lang, default)


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


def _localized(key: str, value: Any, what: str = "text") -> dict[str, str]:
    """One text for every language, or a mapping of language code to text (`what` names it in messages)."""
    if isinstance(value, str):
        if not value.strip():
            raise ConfigError(f"kbgen config '{key}': expected {what}, got an empty string")
        return {_EVERY_LANGUAGE: value.strip()}
    if not isinstance(value, dict) or not value:
        raise ConfigError(
            f"kbgen config '{key}': expected {what}, or a mapping of language to {what} such as "
            f"{{en: Help, tr: Yardım}}, got {_shown(value)}"
        )
    texts = {}
    for lang, text in sorted(value.items(), key=lambda item: str(item[0])):
        if not LANGUAGE_CODE.match(str(lang)):
            raise ConfigError(f"kbgen config '{key}': {_shown(lang)} is not a language code such as 'en' or 'zh'")
        if not isinstance(text, str) or not text.strip():
            raise ConfigError(f"kbgen config '{key}': the {what} for '{lang}' is {_shown(text)}; expected text")
        texts[str(lang)] = text.strip()
    return texts


def _links(key: str, value: Any) -> tuple[LinkOption, ...]:
    """`- {label: "Contact support", url: "mailto:…"}`; the label may be a mapping of language to text."""
    if not isinstance(value, list):
        raise ConfigError(f"kbgen config '{key}': expected a list of {{label, url}} entries")
    options = []
    for index, item in enumerate(value):
        where = f"{key}[{index}]"
        if not (isinstance(item, dict) and "label" in item and isinstance(item.get("url"), str)):
            raise ConfigError(f"kbgen config '{where}': expected a mapping with a 'label' and a string 'url'")
        url = item["url"].strip()
        if not SAFE_CONTACT_URL.match(url):
            raise ConfigError(
                f"kbgen config '{where}': url {_shown(url)} is not an http(s), mailto:, tel: or site-relative link"
            )
        options.append(LinkOption(_localized(where, item["label"], "label"), url))
    return tuple(options)


def _endpoint(key: str, value: Any) -> str:
    """Where the feedback widget posts: an http(s) address, or a path on the site itself."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = urlsplit("")
    # the origin goes into the page's Content-Security-Policy, so it must be a plain host[:port], nothing more
    absolute = parts.scheme in ("http", "https") and bool(_HOST.fullmatch(parts.netloc))
    if not (absolute or (text.startswith("/") and not text.startswith("//"))) or any(c in text for c in " \"'<>;,"):
        raise ConfigError(
            f"kbgen config '{key}': expected an http(s) URL such as https://feedback.example.com/kb "
            f"or a path on the site such as /api/feedback, got {value!r}"
        )
    return text


def _colour(key: str, value: Any) -> str:
    if not (isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip())):
        raise ConfigError(f"kbgen config '{key}': expected a colour written #rrggbb, such as '#0f766e', got {value!r}")
    return value.strip().lower()


def _category_intervals(key: str, value: Any) -> dict[str, Interval]:
    """Keys are section paths below the language (`billing`, `billing/invoices`); the longest match wins."""
    if not isinstance(value, dict):
        raise ConfigError(f"kbgen config '{key}': expected a mapping of category to interval")
    intervals = {}
    for name, text in sorted(value.items(), key=lambda item: str(item[0])):
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(
                f"kbgen config '{key}': {_shown(name)} is not a category name; write the category folder's name as text"
            )
        path = name.strip().strip("/")
        if not path or any(part in ("", ".", "..") for part in path.split("/")):
            raise ConfigError(
                f"kbgen config '{key}': {name!r} is not a section path such as 'billing' or 'billing/invoices'"
            )
        intervals[path] = _interval(f"{key}.{name}", text)
    return intervals


def _foreign_keys(key: str, value: Any) -> tuple[str, ...]:
    """Names or glob patterns; one that also matches a kbgen key would let misspelt kbgen keys pass silently."""
    from kbgen.loading.schema import ARTICLE_KEYS, SECTION_KEYS  # the key sets live with the schema

    patterns = _strings(key, value)
    for pattern in patterns:
        own = sorted(name for name in ARTICLE_KEYS | SECTION_KEYS if fnmatch.fnmatchcase(name, pattern))
        if own:
            raise ConfigError(
                f"kbgen config '{key}': '{pattern}' also matches kbgen's own key '{own[0]}', so a misspelt "
                "kbgen key would pass unnoticed; name the other tool's keys, e.g. 'ms.*' or 'author'"
            )
    return patterns


def _timezone(key: str, value: Any) -> str:
    problem = "" if isinstance(value, str) else "expected a time zone name"
    if not problem:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            problem = "unknown time zone"
    if problem:
        raise ConfigError(f"kbgen config '{key}': {problem}, got {_shown(value)}; use an IANA name like 'UTC'")
    return str(value)


def _date_formats(key: str, value: Any) -> tuple[str, ...]:
    """Each format must read back every date it writes: `%Q`, a lone `%` or `{0.__class__}` would reject every date."""
    formats = _strings(key, value)
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


def _notice_text(key: str, value: Any) -> dict[str, str]:
    """Wording per language; only bare {reviewed} and {due}: an attribute, index, conversion or format spec
    would read Python internals into the page or fail on the first stale article."""
    if not isinstance(value, dict):
        raise ConfigError(f"kbgen config '{key}': expected a mapping of language to text")
    for lang, text in value.items():
        if not isinstance(lang, str) or not LANGUAGE_CODE.match(lang):
            raise ConfigError(f"kbgen config 'stale_notice_text': {_shown(lang)} is not a language code such as 'en'")
        if not isinstance(text, str):
            raise ConfigError(f"kbgen config '{key}.{lang}': expected text, got {_shown(text)}")
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
                f"kbgen config '{key}.{lang}': bad placeholder {problem}; use {{reviewed}} or {{due}} "
                "(write {{ and }} for literal braces)"
            )
    return dict(sorted(value.items()))


def _placeholder(name: str, spec: str | None, conversion: str | None) -> str:
    return "'" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "'"


def _file_size(key: str, value: Any) -> int:
    return _positive_int(key, value, limit=MAX_SIZES[key])


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
    return _positive_int(key, value, "articles", limit=MAX_NAV_ARTICLES)


def _folder_count(key: str, value: Any) -> int:
    return _positive_int(key, value, "folders")


def _file_path(key: str, value: Any) -> str:
    """A file beside mkdocs.yml (relative to it), kept as written so messages show it as the writer did."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"kbgen config '{key}': expected a file path relative to mkdocs.yml, got {value!r}")
    return value.strip()


def _one_of(*allowed: str) -> Callable[[str, Any], str]:
    def parse(key: str, value: Any) -> str:
        if value not in allowed:
            raise ConfigError(f"kbgen config '{key}': expected one of {', '.join(allowed)}, got {value!r}")
        return str(value)

    return parse


def _version(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        hint = f'; quote it: "{value}"' if isinstance(value, int | float) else ""
        raise ConfigError(f"kbgen config '{key}': expected a version such as \"4.0\", got {value!r}{hint}")
    return value.strip()


def _releases(key: str, value: Any) -> dict[str, date]:
    """`{"4.0": 2026-10-01}`: when each version shipped; YAML reads an unquoted date as a date already."""
    if not isinstance(value, dict):
        raise ConfigError(f"kbgen config '{key}': expected a mapping of version to release date")
    releases = {}
    for version, when in value.items():
        name = _version(key, version)
        if isinstance(when, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", when.strip()):
            try:
                when = date.fromisoformat(when.strip())
            except ValueError as exc:
                raise ConfigError(f"kbgen config '{key}.{name}': {when!r} is not a valid date ({exc})") from None
        if not isinstance(when, date) or isinstance(when, datetime):
            raise ConfigError(f"kbgen config '{key}.{name}': expected a release date YYYY-MM-DD, got {when!r}")
        releases[name] = when
    return dict(sorted(releases.items(), key=lambda item: (item[1], item[0])))


@dataclass(frozen=True, slots=True)
class Option:
    """How one plugin option is read: the YAML type it must have (MkDocs checks it too), then kbgen's parser."""

    kind: type | tuple[type, ...]
    parse: Callable[[str, Any], Any]


def _option(
    kind: type | tuple[type, ...],
    parse: Callable[[str, Any], Any],
    default: Any = None,
    factory: Callable[[], Any] | None = None,
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
    date_formats: tuple[str, ...] = _option(list, _date_formats, ("%Y-%m-%d",))
    timezone: str = _option(str, _timezone, "UTC")
    max_file_size: int = _option(int, _file_size, 1024 * 1024)
    max_front_matter_size: int = _option(int, _file_size, 64 * 1024)
    contact: tuple[LinkOption, ...] = _option(list, _links, ())  # on the home page, articles, footer, no-match search
    site_name: Localized = _option((str, dict), _localized, factory=dict)  # per language; else mkdocs.yml's site_name
    site_description: Localized = _option((str, dict), _localized, factory=dict)  # per language; else mkdocs.yml's
    footer_links: tuple[LinkOption, ...] = _option(list, _links, ())
    feedback_url: str = _option(str, _endpoint, "")  # "Was this article helpful?" posts here; no widget when unset
    primary_color: str = _option(str, _colour, "")  # #rrggbb; overrides the palette's primary colour
    accent_color: str = _option(str, _colour, "")  # #rrggbb; links on hover, focus rings
    stale_notice: bool = _option(bool, _boolean, True)  # the reader-facing "last reviewed" notice on stale articles
    stale_notice_text: Mapping[str, str] = _option(dict, _notice_text, factory=dict)  # per language; {reviewed}, {due}
    dashboard: bool = _option(bool, _boolean, False)  # the maintenance dashboard page, for internal builds only
    social_image: str = _option(str, _site_file, "")  # the picture of a shared link (Open Graph), else the logo
    nav_articles_per_category: int = _option(int, _article_count, 25)  # then "All N articles" ends the sidebar list
    max_depth: int = _option(int, _folder_count, 6)  # section folders allowed below a language, the category included
    foreign_keys: tuple[str, ...] = _option(list, _foreign_keys, ())  # keys (or globs) another tool owns: accepted
    # Maintenance (README "Maintenance"): who owns what, translations that keep up, releases that make articles due.
    roster: str = _option(str, _file_path, "")  # YAML of people and teams, relative to mkdocs.yml (kbgen.owners)
    owners_from: str = _option(str, _one_of("roster", "codeowners"), "")  # default: the roster when one is set
    required_languages: tuple[str, ...] = _option(list, _strings, ())  # every public article must exist in these
    outdated_translations: str = _option(str, _one_of("warning", "error"), "warning")  # severity of KB410
    releases: Mapping[str, date] = _option(dict, _releases, factory=dict)  # version -> release date
    current_version: str = _option(str, _version, "")  # what "all" versions means; default: the newest release

    def folder_interval(self, path: tuple[str, ...]) -> tuple[tuple[str, ...], Interval] | None:
        """The `category_intervals` entry for the longest prefix of a section path, with that prefix."""
        for end in range(len(path), 0, -1):
            found = self.category_intervals.get("/".join(path[:end]))
            if found is not None:
                return path[:end], found
        return None

    def is_foreign(self, key: str) -> bool:
        """A key another tool wrote (`ms.date`, `author`): kept in the file, not a typo to warn about."""
        return any(fnmatch.fnmatchcase(key, pattern) for pattern in self.foreign_keys)

    @property
    def default_language(self) -> str:
        return self.languages[0] if self.languages else "en"

    @property
    def owner_source(self) -> str:
        """Where owners must be found: "roster", "codeowners", or "" (anyone may own an article)."""
        return self.owners_from or ("roster" if self.roster else "")

    def accepts_language(self, code: str) -> bool:
        if self.languages:
            return code in self.languages
        return bool(LANGUAGE_CODE.match(code))


OPTIONS: Mapping[str, Option] = {item.name: item.metadata["option"] for item in fields(KbConfig)}
KNOWN_KEYS = frozenset(OPTIONS)


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
        key: OPTIONS[key].parse(key, value) for key, value in raw.items() if key in OPTIONS and value is not None
    }
    config = KbConfig(**values)
    for language in config.languages:
        if not LANGUAGE_CODE.match(language):
            raise ConfigError(f"kbgen config 'languages': {language!r} is not a language code such as 'en' or 'zh'")
    _every_language_has_text(config)
    if config.product_versions:
        stray = [v for v in config.supported_versions if v not in config.product_versions]
        if stray:
            raise ConfigError(f"kbgen config 'supported_versions': {stray[0]!r} is not listed in 'product_versions'")
    _check_maintenance(config)
    return config


def _every_language_has_text(config: KbConfig) -> None:
    """Text written per language must cover each of `languages`, so no page falls back to another language."""
    named: list[tuple[str, Localized, str]] = [("site_name", config.site_name, "text")]
    named.append(("site_description", config.site_description, "text"))
    for key in ("contact", "footer_links"):
        named += [(f"{key}[{i}]", option.labels, "label") for i, option in enumerate(getattr(config, key))]
    for key, texts, what in named:
        if not texts or _EVERY_LANGUAGE in texts or not config.languages:
            continue
        stray = [lang for lang in texts if lang not in config.languages]
        if stray:
            known = ", ".join(config.languages)
            raise ConfigError(f"kbgen config '{key}': {stray[0]!r} is not one of 'languages' ({known})")
        missing = [lang for lang in config.languages if lang not in texts]
        if missing:
            raise ConfigError(
                f"kbgen config '{key}': no {what} for {', '.join(repr(m) for m in missing)}; add "
                f"'{missing[0]}: …', or write one {what} for every language"
            )


def _check_maintenance(config: KbConfig) -> None:
    """The maintenance options name languages and versions, which must be ones the site knows."""
    if config.owners_from == "roster" and not config.roster:
        raise ConfigError("kbgen config 'owners_from': 'roster' needs 'roster: <file>', a YAML file of people")
    for language in config.required_languages:
        if config.languages and language not in config.languages:
            raise ConfigError(f"kbgen config 'required_languages': {language!r} is not listed in 'languages'")
        if language == config.default_language:
            raise ConfigError(
                f"kbgen config 'required_languages': {language!r} is the default language, which the sources are in"
            )
    for version in config.releases:
        if config.product_versions and version not in config.product_versions:
            raise ConfigError(f"kbgen config 'releases': {version!r} is not listed in 'product_versions'")
    if config.current_version:
        if config.current_version not in config.releases:
            raise ConfigError(
                f"kbgen config 'current_version': {config.current_version!r} has no date in 'releases'; "
                f'add it: releases: {{"{config.current_version}": YYYY-MM-DD}}'
            )
        if config.supported_versions and config.current_version not in config.supported_versions:
            raise ConfigError(f"kbgen config 'current_version': {config.current_version!r} is not supported")
