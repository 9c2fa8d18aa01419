"""Reads the roster: a YAML file of people and teams, with contact handles, for `owner` to be checked against.

```yaml
people:
  maria.popescu: {name: Maria Popescu, email: maria@example.com, chat: "@maria"}
  emre.kaya: {email: emre@example.com, active: false}     # left: their articles need a new owner
teams:
  team-billing: {email: billing@example.com, chat: "#billing", members: [maria.popescu]}
```

Every problem is a finding at the roster's file:line; the entries that can be read are kept, so one typo in
the roster does not make every article's owner unknown.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import yaml

from kbgen.model import Finding
from kbgen.owners.contacts import Contact
from kbgen.rules import rule
from kbgen.yaml_loader import WriterLoader

SECTIONS = {"people": "person", "teams": "team"}
PERSON_KEYS = ("name", "email", "chat", "active")
TEAM_KEYS = (*PERSON_KEYS, "members")

_STR = "tag:yaml.org,2002:str"


@dataclass(slots=True)
class _Reader:
    display: str
    findings: list[Finding] = field(default_factory=list)
    member_nodes: dict[tuple[str, str], yaml.Node] = field(default_factory=dict)  # (team, member) -> where

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        self.findings.append(rule("roster-invalid").finding(self.display, line, column, message))

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """(key, key node, value node), duplicates reported and dropped, non-text keys reported."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of names to entries")
            return []
        seen: dict[str, int] = {}
        items: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or not key_node.value.strip():
                self.problem(key_node, f"{what}: every name must be plain text")
                continue
            key = str(key_node.value).strip()
            if key in seen:
                self.problem(key_node, f"{what}: '{key}' appears twice (first on line {seen[key]}); keep one")
                continue
            seen[key] = key_node.start_mark.line + 1
            items.append((key, key_node, value_node))
        return items

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            written = (
                f" (YAML read '{node.value}' as another type; quote it)" if isinstance(node, yaml.ScalarNode) else ""
            )
            self.problem(node, f"{what} must be text{written}")
            return ""
        value = str(node.value)
        if any(not ch.isprintable() for ch in value):
            self.problem(node, f"{what} must be one line of printable text")
            return ""
        return value.strip()


def parse_roster(text: str, display: str) -> tuple[dict[str, Contact], list[Finding]]:
    """Handles to contacts, plus the roster's problems; never raises on content."""
    reader = _Reader(display)
    try:
        for event in yaml.parse(text, Loader=WriterLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                reader.problem(None, "anchors and aliases (&name, *name) are not allowed in the roster; write out")
                return {}, reader.findings
        root = yaml.compose(text, Loader=WriterLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"YAML syntax error: {exc.problem or exc.context or 'invalid YAML'}"
        return {}, [rule("roster-invalid").finding(display, line, column, message)]
    except yaml.YAMLError as exc:
        return {}, [rule("roster-invalid").finding(display, 1, 1, f"YAML syntax error: {exc}")]
    if root is None:
        reader.problem(None, "the roster is empty; list 'people:' and 'teams:'")
        return {}, reader.findings
    contacts: dict[str, Contact] = {}
    for section, key_node, value_node in reader.mapping(root, "the roster"):
        if section not in SECTIONS:
            close = difflib.get_close_matches(section, sorted(SECTIONS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            reader.problem(key_node, f"unknown section '{section}'{hint}; the roster has 'people:' and 'teams:'")
            continue
        if isinstance(value_node, yaml.ScalarNode) and value_node.value in ("", "~", "null"):
            continue
        for handle, handle_node, entry in reader.mapping(value_node, f"'{section}'"):
            if handle in contacts:
                first = contacts[handle].line
                reader.problem(handle_node, f"'{handle}' is both a person and a team (first on line {first})")
                continue
            contacts[handle] = _contact(reader, SECTIONS[section], handle, handle_node, entry)
    _check_members(reader, contacts)
    return contacts, reader.findings


def _contact(reader: _Reader, kind: str, handle: str, handle_node: yaml.Node, entry: yaml.Node) -> Contact:
    line = handle_node.start_mark.line + 1
    if isinstance(entry, yaml.ScalarNode) and entry.value in ("", "~", "null"):
        return Contact(handle, kind, line=line)
    known = TEAM_KEYS if kind == "team" else PERSON_KEYS
    values: dict[str, object] = {}
    for key, key_node, value in reader.mapping(entry, f"'{handle}'"):
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; a {kind} has {', '.join(known)}"
            reader.problem(key_node, f"'{handle}': unknown key '{key}'{hint}")
        elif key == "active":
            if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:bool":
                values[key] = value.value.lower() in ("true", "yes", "on")
            else:
                reader.problem(value, f"'{handle}.active' must be true or false")
        elif key == "members":
            values[key] = _members(reader, handle, value)
        else:
            text = reader.text(value, f"'{handle}.{key}'")
            if key == "email" and text and "@" not in text:
                reader.problem(value, f"'{handle}.email' is '{text}', which is not an e-mail address")
            values[key] = text
    return Contact(
        handle, kind, name=str(values.get("name", "")), email=str(values.get("email", "")),
        chat=str(values.get("chat", "")), active=bool(values.get("active", True)),
        members=tuple(values.get("members", ())),  # type: ignore[arg-type]
        line=line,
    )  # fmt: skip


def _members(reader: _Reader, handle: str, node: yaml.Node) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        reader.problem(node, f"'{handle}.members' must be a list of people, such as [maria.popescu, li.wei]")
        return ()
    members = []
    for item in node.value:
        name = reader.text(item, f"'{handle}.members' entry")
        if name:
            members.append(name)
            reader.member_nodes.setdefault((handle, name), item)
    return tuple(members)


def _check_members(reader: _Reader, contacts: dict[str, Contact]) -> None:
    """A team member must be a person on the roster: a typo there would hide who answers for the team."""
    people = sorted(handle for handle, c in contacts.items() if c.kind == "person")
    for team in (c for c in contacts.values() if c.kind == "team"):
        for member in team.members:
            if member not in people:
                close = difflib.get_close_matches(member, people, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else "; add them under 'people:'"
                message = f"team '{team.handle}': member '{member}' is not a person on the roster{hint}"
                reader.problem(reader.member_nodes.get((team.handle, member)), message)
