"""Golden cases: each `cases/<name>.md` is checked as `content/en/billing/<name>.md` beside a small fixed tree.

`<name>.expected.json` lists the findings for that file. To regenerate after a deliberate message change, run
`KBGEN_UPDATE_GOLDEN=1 python -m pytest tests/links/test_links_golden.py` and review the diff (refused when CI is set).
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from kbgen.checks import CheckContext, run_checks
from kbgen.config.settings import KbConfig
from kbgen.loading.loader import load_corpus
from tests.support.golden import updating_golden

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.md"))


def findings_for(case: Path, tmp_path: Path) -> list[dict[str, object]]:
    content = tmp_path / "content"
    shutil.copytree(HERE / "tree", content)
    shutil.copy(case, content / "en" / "billing" / case.name)
    corpus = load_corpus(content, KbConfig(), "content/")
    findings = run_checks(CheckContext(corpus, KbConfig(), date(2026, 11, 22)))
    return [
        {"line": f.line, "column": f.column, "code": f.code, "rule": f.rule, "severity": str(f.severity),
         "message": f.message}
        for f in findings
        if f.path == f"content/en/billing/{case.name}"
    ]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_case(case: Path, tmp_path: Path) -> None:
    expected_file = case.with_suffix(".expected.json")
    actual = findings_for(case, tmp_path)
    if updating_golden():
        expected_file.write_text(json.dumps(actual, indent=2, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert actual == expected


def test_the_fixture_tree_itself_is_clean(tmp_path: Path) -> None:
    corpus = load_corpus(HERE / "tree", KbConfig(), "content/")
    assert run_checks(CheckContext(corpus, KbConfig(), date(2026, 11, 22))) == []


def test_every_link_rule_has_a_golden_case() -> None:
    names = {c.stem for c in CASES}
    for slug in ("broken-link", "broken-anchor", "missing-image", "link-to-unpublished", "unsafe-link-scheme",
                 "invalid-redirect", "duplicate-title", "external-image"):  # fmt: skip
        assert slug in names
        assert any(f["rule"] == slug for f in json.loads((HERE / "cases" / f"{slug}.expected.json").read_text()))
