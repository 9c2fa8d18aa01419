"""Golden cases: each `tests/cases/<name>.md` is loaded as an article and must give exactly the findings
in `<name>.expected.json`. Set KBGEN_UPDATE_GOLDEN=1 to rewrite the expectations, then review the diff (refused
when CI is set)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbgen.config.settings import parse_config
from kbgen.loading.loader import load_corpus
from tests.support.golden import updating_golden
from tests.support.project import BASE_PLUGIN_CONFIG

CASES = Path(__file__).parent / "cases"


def findings_for(case: Path, tmp_path: Path) -> list[dict[str, object]]:
    target = tmp_path / "content" / "en" / "account" / case.name
    target.parent.mkdir(parents=True)
    target.write_bytes(case.read_bytes())
    corpus = load_corpus(tmp_path / "content", parse_config(BASE_PLUGIN_CONFIG), "")
    return [
        {"code": f.code, "rule": f.rule, "severity": str(f.severity), "line": f.line, "column": f.column,
         "message": f.message, "published": not corpus.rejected}
        for f in corpus.findings
    ] or [{"published": bool(corpus.articles)}]  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES.glob("*.md")), ids=lambda p: p.stem)
def test_golden_case(case: Path, tmp_path: Path) -> None:
    expected_file = case.with_suffix(".expected.json")
    actual = findings_for(case, tmp_path)
    if updating_golden():
        expected_file.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert actual == json.loads(expected_file.read_text(encoding="utf-8"))


def test_every_case_has_an_expectation() -> None:
    cases = {p.stem for p in CASES.glob("*.md")}
    expectations = {p.name.removesuffix(".expected.json") for p in CASES.glob("*.expected.json")}
    assert cases == expectations
