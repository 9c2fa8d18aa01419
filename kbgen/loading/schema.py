"""Validates parsed front matter against kbgen's article schema, turning every problem into a finding."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from kbgen.config.settings import KbConfig
from kbgen.links.redirects import normalize_old_path
from kbgen.loading.frontmatter import FieldValue, file_position
from kbgen.loading.icons import icon_problem
from kbgen.loading.rendered_fields import HIDE_VALUES, IGNORED_RENDERER_KEYS, bidi_override, is_visible
from kbgen.loading.wrong_types import list_item_message, wrong_type_message
from kbgen.model import Finding
from kbgen.review.durations import DateOverflow, Interval, parse_interval
from kbgen.rules import rule

REQUIRED = ("title", "owner", "reviewed", "product_version")
ARTICLE_KEYS = frozenset(
    {
        *REQUIRED,
        "review_interval", "review_by", "summary", "tags", "status", "audience", "evergreen",
        "redirect_from", "hide", "description", "order", "promoted", "reviewed_by", "source_hash",
    }
)  # fmt: skip
HOME_KEYS = frozenset({"title", "summary", "hide", "description"})
# A section's index.md also sets defaults for every article below it (see kbgen.loading.inheritance).
INHERITABLE = ("owner", "review_interval", "product_version", "audience")
SECTION_KEYS = frozenset({*HOME_KEYS, "order", "icon", *INHERITABLE})  # icon: the section's card (kbgen.loading.icons)
STATUSES = ("published", "draft", "archived")
AUDIENCES = ("public", "internal")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SOURCE_HASH = re.compile(r"^[0-9a-f]{12}$")
_FAR_FUTURE_YEAR = 2100


@dataclass(slots=True)
class Validated:
    """Clean values keyed by field name, plus the findings met on the way."""

    values: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity >= rule("missing-field").severity for f in self.findings)


class _Validator:
    def __init__(self, fields: dict[str, FieldValue], display: str, config: KbConfig) -> None:
        self.fields = fields
        self.display = display
        self.config = config
        self.result = Validated()

    def report(self, slug: str, where: FieldValue | yaml.Node | None, message: str) -> None:
        if isinstance(where, yaml.Node):  # a list item: point at the item itself
            line, column = file_position(where.start_mark)
        else:
            line, column = (where.line, where.column) if where else (1, 1)
        self.result.findings.append(rule(slug).finding(self.display, line, column, message))

    def unknown_keys(self, known: frozenset[str]) -> None:
        for key, value in self.fields.items():
            if key in known or self.config.is_foreign(key):
                continue
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
            if key in IGNORED_RENDERER_KEYS:
                hint = f"; kbgen ignores it: {IGNORED_RENDERER_KEYS[key]}"
            elif close:
                hint = f" (did you mean '{close[0]}'?)"
            else:
                hint = f"; known keys: {', '.join(sorted(known))}"
            finding = rule("unknown-field").finding(self.display, value.key_line, 1, f"unknown key '{key}'{hint}")
            self.result.findings.append(finding)

    def present(self, key: str, required: bool) -> FieldValue | None:
        value = self.fields.get(key)
        if value is None:
            if required:
                self.report("missing-field", None, f"required field '{key}' is missing; add '{key}: ...'")
            return None
        if value.value is None or value.value == "" or value.value == []:
            if required:
                self.report("missing-field", value, f"required field '{key}' is empty")
            return None
        return value

    def wrong_type(self, key: str, where: FieldValue, expected: str, instead: str = "") -> None:
        """`instead`: the fix where quoting the value (which makes it text) would still not be valid."""
        self.report("wrong-type", where, wrong_type_message(key, where.value, where.node, expected, instead))

    def text(self, key: str, required: bool = False) -> None:
        where = self.present(key, required)
        if where is None:
            return
        if not isinstance(where.value, str):
            self.wrong_type(key, where, "text")
        elif not is_visible(where.value):
            self.report(
                "missing-field" if required else "invalid-value", where,
                f"'{key}' has no visible characters (only spaces, zero-width, bidi or combining characters); "
                f"write the {key} out",
            )  # fmt: skip
        elif override := bidi_override(where.value):
            self.report("invalid-value", where, _override_message(key, override))
        else:
            self.result.values[key] = where.value.strip()

    def text_list(self, key: str, allowed: tuple[str, ...] = ()) -> None:
        where = self.present(key, False)
        if where is None:
            return
        items = where.value if isinstance(where.value, list) else [where.value]
        nodes = where.node.value if isinstance(where.node, yaml.SequenceNode) else [where.node]

        def instead(node: yaml.Node) -> str:
            """Quoting makes text, which any text list takes but a list of `allowed` words only if it is one."""
            raw = node.value if isinstance(node, yaml.ScalarNode) else None
            return "" if not allowed or raw in allowed else f"replace it with one of {', '.join(allowed)}"

        if not isinstance(where.node, yaml.SequenceNode) and not isinstance(where.value, str):
            self.wrong_type(key, where, "text or a list of text", instead(where.node))
            return
        wrong = [
            (n, item, node)
            for n, (item, node) in enumerate(zip(items, nodes, strict=False), 1)
            if not isinstance(item, str)
        ]
        for number, item, node in wrong:  # each at its own line, so a writer need not count along a long list
            self.report("wrong-type", node, list_item_message(key, number, item, node, instead(node)))
        if wrong:
            return
        for item, node in zip(items, nodes, strict=False):
            if allowed and item.strip() not in allowed:
                close = difflib.get_close_matches(item.strip(), allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.report("invalid-value", node, f"'{key}' entry '{item}' is not one of {', '.join(allowed)}{hint}")
                return
            if not is_visible(item):
                self.report("invalid-value", node, f"'{key}' has an entry with no visible characters; remove it")
                return
            if override := bidi_override(item):
                self.report("invalid-value", node, _override_message(key, override))
                return
        self.result.values[key] = tuple(item.strip() for item in items)

    def choice(self, key: str, allowed: tuple[str, ...]) -> None:
        where = self.present(key, False)
        if where is None:
            return
        if not isinstance(where.value, str):
            quotable = where.raw in allowed  # quoting makes it text, so it helps only a value on the list
            self.wrong_type(
                key, where, f"one of {', '.join(allowed)}", "" if quotable else "replace it with one of them"
            )
        elif where.value not in allowed:
            close = difflib.get_close_matches(where.value, allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.report(
                "invalid-value",
                where,
                f"'{key}' is '{where.value}'; expected one of {', '.join(allowed)}{hint}",
            )
        else:
            self.result.values[key] = where.value

    def boolean(self, key: str) -> None:
        where = self.present(key, False)
        if where is None:
            return
        if isinstance(where.value, bool):
            self.result.values[key] = where.value
        else:
            self.report("wrong-type", where, f"'{key}' expected true or false, got {where.raw or where.value!r}")

    def icon(self) -> None:
        where = self.present("icon", False)
        if where is None:
            return
        if not isinstance(where.value, str):
            self.wrong_type("icon", where, "an icon name such as 'material/credit-card-outline'", "replace it with one")
            return
        problem = icon_problem(where.value.strip())
        if problem:
            self.report("invalid-value", where, f"'icon' '{where.value.strip()}' {problem}")
        else:
            self.result.values["icon"] = where.value.strip()

    def whole_number(self, key: str) -> None:
        where = self.present(key, False)
        if where is None:
            return
        if isinstance(where.value, int) and not isinstance(where.value, bool):
            self.result.values[key] = where.value
        elif where.plain and where.node.tag == "tag:yaml.org,2002:int":
            return  # a number too large to use, reported where the front matter is parsed
        elif isinstance(where.value, str) and where.value.strip().lstrip("-").isdigit():
            self.report("wrong-type", where, f"'{key}' expected a whole number, got text; remove the quotes")
        else:
            self.wrong_type(key, where, "a whole number such as 1, 2 or 10", "write a whole number, without quotes")

    def interval(self, key: str) -> None:
        where = self.present(key, False)
        if where is None:
            return
        if not isinstance(where.value, str):
            self.report("wrong-type", where, f"'{key}' needs a unit: write '{where.raw}d' for days (or w, m, y)")
            return
        try:
            self.result.values[key] = parse_interval(where.value)
        except ValueError as exc:
            hint = (
                " (or use 'evergreen: true' for an article that never needs review)" if "100 years" in str(exc) else ""
            )
            self.report("invalid-value", where, f"'{key}': {exc}{hint}")

    def due_date_in_calendar(self, section_path: tuple[str, ...]) -> None:
        """`reviewed` plus the interval that applies must be a date Python can represent (year 9999 at most)."""
        reviewed = self.result.values.get("reviewed")
        if reviewed is None or "review_by" in self.result.values:
            return  # `review_by` is the due date itself: no arithmetic
        own = self.result.values.get("review_interval")
        folder = self.config.folder_interval(section_path)
        category_interval = folder[1] if folder else None
        interval = own or category_interval or self.config.review_interval
        try:
            interval.add_to(reviewed)
        except DateOverflow:
            where = "/".join(folder[0]) if folder else ""
            source = "review_interval" if own else f"the '{where}' default" if category_interval else "the default"
            self.report(
                "invalid-date", self.fields.get("reviewed"),
                f"'reviewed' {reviewed.isoformat()} plus {interval} ({source}) falls after 9999-12-31, "
                "the last date kbgen can compute; check the year",
            )  # fmt: skip

    def date(self, key: str, required: bool = False) -> None:
        where = self.present(key, required)
        if where is None:
            return
        if isinstance(where.value, datetime):
            self.report("date-not-datetime", where, f"'{key}' is a date-time; use a date: {where.value.date()}")
            return
        if not isinstance(where.node, yaml.ScalarNode) or isinstance(where.value, bool | int | float):
            quotable = where.raw is not None and isinstance(parse_date(where.raw, self.config.date_formats), date)
            self.wrong_type(
                key, where, "a date in YYYY-MM-DD form", "" if quotable else "write a date such as 2026-01-31"
            )
            return
        parsed = parse_date(str(where.node.value).strip(), self.config.date_formats)
        if isinstance(parsed, str):
            self.report("invalid-date", where, f"'{key}' is '{where.node.value}': {parsed}")
            return
        if parsed.year >= _FAR_FUTURE_YEAR:
            self.report("far-future-date", where, f"'{key}' {parsed.isoformat()} is far in the future; check the year")
        self.result.values[key] = parsed

    def source_hash(self) -> None:
        """Written by `kbgen review` (kbgen.translations.source_hash); a hand-typed value is checked for shape only."""
        self.text("source_hash")
        value = self.result.values.get("source_hash")
        if value is not None and not _SOURCE_HASH.match(value):
            del self.result.values["source_hash"]
            message = (
                f"'source_hash' is '{value}'; expected 12 lower-case hex digits; "
                "run 'kbgen review' on the translation to record the current one"
            )
            self.report("invalid-value", self.fields["source_hash"], message)

    def redirects(self) -> None:
        where = self.fields.get("redirect_from")
        if where is None or "redirect_from" not in self.result.values:
            return
        nodes = where.node.value if isinstance(where.node, yaml.SequenceNode) else [where.node]
        for node in nodes:
            written = str(node.value)
            _, problem = normalize_old_path(written)
            if problem:
                self.report("invalid-redirect", node, f"'redirect_from' entry '{written}' is {problem}")
            elif written != written.strip():
                message = (
                    f"'redirect_from' entry '{written}' has spaces around it, which are no part of an address; it is "
                    f"read as '{written.strip()}'; remove the spaces"
                )
                self.report("redirect-spaces", node, message)

    def versions(self, required: bool = True) -> None:
        where = self.present("product_version", required)
        if where is None:
            return
        nodes = where.node.value if isinstance(where.node, yaml.SequenceNode) else [where.node]
        found: list[tuple[str, yaml.Node]] = []
        for node in nodes:
            if not isinstance(node, yaml.ScalarNode):
                self.report("wrong-type", where, "'product_version' expected a version or a list of versions")
                return
            if not node.style and re.fullmatch(r"[0-9.]+", node.value) and node.value.count(".") == 1:
                number = float(node.value)
                if str(number) != node.value:
                    raw = node.value
                    message = f"'product_version' {raw} was read by YAML as the number {number}; quote it: \"{raw}\""
                    self.report("invalid-version", node, message)
                    continue
            found.append((str(node.value).strip(), node))
        known = self.config.product_versions
        for version, node in found:
            if version == "all":
                if len(found) > 1:
                    self.report("invalid-version", node, "'product_version' \"all\" cannot be combined with versions")
            elif known and version not in known:
                self.report(
                    "invalid-version", node,
                    f"'product_version' '{version}' is not a known version ({', '.join(known)}); "
                    "fix it or add it to product_versions in mkdocs.yml",
                )  # fmt: skip
        self.result.values["versions"] = tuple(dict.fromkeys(version for version, _ in found))


def parse_date(text: str, formats: tuple[str, ...]) -> date | str:
    """A date, or the reason it is not one (returned, not raised, so callers build one message)."""
    reasons = []
    for fmt in formats:
        if fmt == "%Y-%m-%d":
            if not _ISO.match(text):
                reasons.append("expected YYYY-MM-DD")
                continue
            try:
                return date.fromisoformat(text)
            except ValueError as exc:
                reasons.append(f"not a valid date ({exc})")
                continue
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            reasons.append(f"does not match {fmt}")
    return "; ".join(reasons)


def validate_article(
    fields: dict[str, FieldValue],
    display: str,
    config: KbConfig,
    inherited: frozenset[str] = frozenset(),
    section_path: tuple[str, ...] = (),
) -> Validated:
    """Check every article field; the result lists every problem, never only the first.

    A required key named in `inherited` (a section above sets it) may be left out. `section_path` picks the
    `category_intervals` entry for the due-date check.
    """
    v = _Validator(fields, display, config)
    v.text("title", required=True)
    v.text("owner", required="owner" not in inherited)
    v.date("reviewed", required=True)
    v.versions(required="product_version" not in inherited)
    v.text("summary")
    v.text("description")
    v.text_list("tags")
    v.choice("status", STATUSES)
    v.choice("audience", AUDIENCES)
    v.boolean("evergreen")
    v.interval("review_interval")
    v.date("review_by")
    v.due_date_in_calendar(section_path)
    v.text_list("redirect_from")
    v.redirects()
    v.whole_number("order")
    v.boolean("promoted")
    v.text("reviewed_by")
    v.source_hash()
    v.text_list("hide", HIDE_VALUES)
    v.unknown_keys(ARTICLE_KEYS)
    return v.result


def validate_section(fields: dict[str, FieldValue], display: str, config: KbConfig, home: bool = False) -> Validated:
    """The root and language homes carry a title and a summary; sections also an order and their defaults."""
    v = _Validator(fields, display, config)
    v.text("title")
    v.text("summary")
    v.text("description")
    v.text_list("hide", HIDE_VALUES)
    if home:
        v.unknown_keys(HOME_KEYS)
        return v.result
    v.whole_number("order")
    v.icon()
    v.text("owner")
    v.interval("review_interval")
    v.versions(required=False)
    v.choice("audience", AUDIENCES)
    v.unknown_keys(SECTION_KEYS)
    return v.result


def _override_message(key: str, override: str) -> str:
    return (
        f"'{key}' holds {override}, which shows the letters after it in the other order (a way to disguise a "
        "name or link); remove it: right-to-left text needs no override"
    )


__all__ = ["INHERITABLE", "Interval", "Validated", "parse_date", "validate_article", "validate_section"]
