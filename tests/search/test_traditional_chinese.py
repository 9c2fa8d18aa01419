"""A query typed in traditional characters finds a help center written in simplified ones, in the Python reference
and in the browser core alike; the manifest carries only the pairs the index can use.

The articles are short paraphrases of d365-project-operations articles in Chinese (Microsoft Learn, CC BY 4.0,
see tests/search/fixtures/articles.json for the attribution); the traditional spellings are OpenCC's.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from kbgen.search.build import build_search_assets
from kbgen.search.documents import SearchDocument
from kbgen.search.folders import PREFIX
from kbgen.search.han_variants import index_variants, parse_variants
from kbgen.search.index import build_language_index
from tests.search.reference_search import search, searchable
from tests.support.search import run_node, write_search_site


def _doc(slug: str, title: str, text: str, lang: str = "zh") -> SearchDocument:
    return SearchDocument(url=f"{lang}/{slug}/", title=title, summary="", text=text, lang=lang, category="Test")


ARTICLES = [
    _doc("invoices", "创建项目发票", "项目经理审核发票草稿并确认。"),
    _doc("timesheets", "移动设备上的项目工时单", "团队成员在手机上提交工时。"),
    _doc("labor-cost", "设置人工成本率", "成本率决定每小时的人工成本。"),
    _doc("overview", "时间概述", "了解如何记录时间、提交工时和审批。"),
    _doc("operations", "Project Operations 中的发票", "Project Operations 从已确认的交易创建发票。"),
]

# query in traditional characters -> the simplified article it must find first
CASES = [
    ("創建項目發票", "zh/invoices/"),
    ("移動設備上的項目工時單", "zh/timesheets/"),
    ("如何設置人工成本率", "zh/labor-cost/"),
    ("時間概述", "zh/overview/"),
    ("Project Operations 發票", "zh/operations/"),
]


def test_traditional_queries_find_the_simplified_article_first() -> None:
    built = build_language_index(ARTICLES, "zh")
    index = searchable(built)
    for query, url in CASES:
        hits = search(index, query).hits
        assert hits, query
        assert built.documents[hits[0].ref].url == url, query


def test_the_browser_core_reads_them_the_same(tmp_path: Path) -> None:
    site = write_search_site(tmp_path, ARTICLES, ("zh",)) / PREFIX
    index = searchable(build_language_index(ARTICLES, "zh"))
    [answers] = run_node(site, [{"op": "search", "lang": "zh", "queries": [{"query": q} for q, _ in CASES]}])
    for (query, _), answer in zip(CASES, answers, strict=True):
        js: list[Any] = [(ref, tuple(terms)) for ref, _, terms in answer["hits"]]
        assert js, query
        assert js == [(hit.ref, hit.terms) for hit in search(index, query).hits], query


def test_the_manifest_pairs_only_characters_the_index_can_use(tmp_path: Path) -> None:
    build_search_assets([*ARTICLES, _doc("english", "Create invoices", "Invoices are created.", "en")], tmp_path)
    manifests = {
        lang: json.loads(gzip.decompress((tmp_path / "kb-search" / lang / "manifest.kbs").read_bytes()))
        for lang in ("zh", "en")
    }
    pairs = parse_variants(manifests["zh"]["hanVariants"])
    assert pairs["發"] == "发" and pairs["項"] == "项"
    assert "發" not in pairs.values() and "髮" in pairs  # every traditional form of a held character, none other
    assert all(s in "".join(a.title + a.text for a in ARTICLES) for s in pairs.values())
    assert "hanVariants" not in manifests["en"]  # no Han text, nothing shipped


@pytest.mark.parametrize("held", ["乾", "後"])
def test_a_character_the_index_holds_is_never_replaced(held: str) -> None:
    """``乾`` and ``後`` are traditional for ``干`` and ``后``, but an index that holds them must still find them."""
    pairs = parse_variants(index_variants([f"{held}燥", "干后", "燥"]))
    assert held not in pairs
