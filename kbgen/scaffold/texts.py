"""Reads the starter files shipped in kbgen/scaffold/templates and fills in their `@@name@@` placeholders.

The placeholder form is neither Jinja's `{{ }}` nor `$name`, so GitHub Actions expressions (`${{ github.base_ref }}`)
and shell variables in the CI recipes are written exactly as they stand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from importlib import resources

import yaml

_PLACEHOLDER = re.compile(r"@@([a-z_]+)@@")


def template(name: str) -> str:
    """One starter file as shipped, by its path under templates/ (a missing one is a packaging bug: it raises)."""
    return resources.files("kbgen.scaffold").joinpath("templates", *name.split("/")).read_text(encoding="utf-8")


def template_exists(name: str) -> bool:
    return resources.files("kbgen.scaffold").joinpath("templates", *name.split("/")).is_file()


def fill(text: str, values: Mapping[str, str]) -> str:
    """Every placeholder must have a value: a template naming an unknown one is a kbgen bug, never left as text."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"starter template placeholder @@{name}@@ has no value")
        return values[name]

    return _PLACEHOLDER.sub(value, text)


def yaml_scalar(text: str) -> str:
    """Plain when YAML reads it back unchanged (`Reset your password`), else double-quoted (`"Yes"`, `"a: b"`)."""
    if "\n" not in text and text == text.strip():
        try:
            if yaml.safe_load(f"key: {text}") == {"key": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def yaml_list(items: tuple[str, ...]) -> str:
    """A flow list with every item quoted, so `3.10` stays text and `no` is not read as false."""
    return json.dumps(list(items), ensure_ascii=False)
