"""Hugo's TOML front matter (`+++` ... `+++`) rewritten as the YAML block kbgen reads, each key on its own line.

Hugo reads front matter in YAML, TOML or JSON, and many Hugo sites and themes write TOML:

    +++
    title = "Tags"
    tags = ["documentation", "tutorial"]
    [menu.main]
      weight = 40
    +++

Left as it was, the block was the page's first paragraph and nothing of it was read. Rewritten, each top-level
key is one YAML line (`menu: {main: {weight: 40}}`) on the line where TOML wrote it, and a comment line stays a
comment on its own line, so every other line keeps its number and what adopt says of a key names the line it is on
in the source. A block TOML cannot read is left as written and said with its line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

import yaml

from kbgen.loading.frontmatter import MAX_DEPTH

_DELIMITER = "+++"
_KEY = re.compile(r"""^[ \t]*(?:\[\[?[ \t]*)?(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))""")


@dataclass(frozen=True, slots=True)
class Rewritten:
    text: str = ""  # the whole file with its front matter in YAML; empty when it had no TOML block
    problem: str = ""  # why the TOML block could not be read
    line: int = 0  # the problem's line in the file


def rewrite_toml(text: str) -> Rewritten:
    """`text` (a whole file, newlines as written) with a TOML front matter block rewritten as YAML."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != _DELIMITER:
        return Rewritten()
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n").rstrip() == _DELIMITER), None)
    if close is None:
        return Rewritten(problem="TOML front matter opened with +++ is never closed; kept as written", line=1)
    block = lines[1:close]
    try:
        data = tomllib.loads("".join(block))
    except RecursionError:  # tomllib reads nested arrays and tables by recursion: thousands deep end it
        return Rewritten(problem=_too_deep(), line=2)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) + 1 if found else 1
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return Rewritten(problem=f"TOML front matter is not valid TOML: {reason}; kept as written", line=line)
    if _depth(data) > MAX_DEPTH:  # the YAML dumper recurses too, and kbgen refuses such YAML anyway
        return Rewritten(problem=_too_deep(), line=2)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    yaml_lines = _placed(block, data)
    head = f"---{newline}" + "".join(f"{line}{newline}" for line in yaml_lines) + f"---{newline}"
    return Rewritten(head + "".join(lines[close + 1 :]))


def _too_deep() -> str:
    return f"TOML front matter is nested more than {MAX_DEPTH} levels deep; kept as written"


def _depth(data: object) -> int:
    """How many arrays and tables lie one inside the other in `data`, counted without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(data, 1)]  # the front matter itself is one level, as YAML counts it
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        else:
            continue
        deepest = max(deepest, depth)
    return deepest


def _placed(block: list[str], data: dict[str, Any]) -> list[str]:
    """One YAML line per top-level key, on the line its TOML starts on; comment lines kept; blank lines between."""
    out = [""] * len(block)
    placed: set[str] = set()
    for index, line in enumerate(block):
        stripped = line.strip()
        if stripped.startswith("#"):
            out[index] = stripped
            continue
        match = _KEY.match(line)
        key = next((group for group in match.groups() if group is not None), None) if match else None
        if key is not None and key in data and key not in placed:
            out[index] = _yaml_line(key, data[key])
            placed.add(key)
    missing = [key for key in data if key not in placed]  # a key written in a form not recognised: after the rest
    free = [i for i, line in enumerate(out) if not line]
    for key in missing:
        if free:
            out[free.pop()] = _yaml_line(key, data[key])
        else:
            out.append(_yaml_line(key, data[key]))
    return out


class _Dumper(yaml.SafeDumper):
    """Dates and times as TOML wrote them (`2016-04-09T16:50:16+02:00`), which YAML reads back as the same."""


def _timestamp(dumper: yaml.SafeDumper, value: datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _time(dumper: yaml.SafeDumper, value: time) -> yaml.ScalarNode:
    return dumper.represent_str(value.isoformat())  # YAML has no time of day: it stays text


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Text of several lines double-quoted with `\\n`, so its key stays one line."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\n" in value else None)


_Dumper.add_representer(datetime, _timestamp)
_Dumper.add_representer(str, _text)
_Dumper.add_representer(time, _time)


def _yaml_line(key: str, value: Any) -> str:
    flow = isinstance(value, dict | list)  # a table or an array on one line; a scalar plain where YAML allows it
    dumped = yaml.dump(
        {key: value}, Dumper=_Dumper, default_flow_style=flow, allow_unicode=True, width=2**30, sort_keys=False
    )
    line = dumped.strip()
    return line[1:-1] if line.startswith("{") and line.endswith("}") else line
