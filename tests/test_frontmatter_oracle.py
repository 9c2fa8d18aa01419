"""kbgen parses front matter itself; on well-formed input it must agree with python-frontmatter.

python-frontmatter is the independent oracle here: where both accept a document, the metadata and the
body must be the same, so kbgen's stricter parser never changes what a valid article means.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import frontmatter
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.loading.frontmatter import parse_document

keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
scalars = st.one_of(
    st.text(max_size=30).filter(lambda s: s.strip() == s and s.isprintable()),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)),
)
values = st.one_of(scalars, st.lists(scalars, max_size=4))
bodies = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80).filter(
    lambda s: not s.startswith("-") and "\n---" not in s
)


@settings(max_examples=300, deadline=None)
@given(metadata=st.dictionaries(keys, values, max_size=8), body=bodies)
def test_agrees_with_python_frontmatter(metadata: dict[str, Any], body: str) -> None:
    text = "---\n" + yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False) + "---\n" + body
    oracle = frontmatter.loads(text)
    ours = parse_document(text, "a.md")
    assert ours.findings == []
    assert {key: field.value for key, field in ours.fields.items()} == oracle.metadata
    assert ours.body.strip() == oracle.content.strip()


def test_lines_are_counted_in_the_file_not_the_yaml_block() -> None:
    doc = parse_document("---\ntitle: A\nowner: b\nreviewed: 2026-01-01\n---\nbody\n", "a.md")
    assert {key: field.key_line for key, field in doc.fields.items()} == {"title": 2, "owner": 3, "reviewed": 4}
    assert doc.body_line == 6
