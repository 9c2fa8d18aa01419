"""Queries as readers type them (another inflection than the title's, no diacritics, a question around the title)
find the article they mean, in the Python reference and in the browser core alike.

The articles are short paraphrases of d365-project-operations articles (Microsoft Learn, CC BY 4.0, see
tests/search/fixtures/articles.json for the attribution), each with a rival that holds the same words in
another form, so that a query only finds its article first when its words meet the title's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kbgen.search.folders import PREFIX
from kbgen.search.index import build_language_index
from tests.search.reference_search import search, searchable
from tests.support.search import query_doc, run_node, write_search_site

ARTICLES = (
    query_doc("tr", "approve", "Zamanı ve giderleri onaylayın", "Proje yöneticisi gönderilen girişleri inceler."),
    query_doc("tr", "expense-reports", "Gider raporları", "Yönetici gider raporlarını onaylama adımlarını izler."),
    query_doc("tr", "close-opportunity", "Proje fırsatını kapatma", "Kazanılan veya kaybedilen fırsat kapanır."),
    query_doc("tr", "opportunities", "Proje fırsatları", "Bir proje fırsatını kapatmak için Kapat'ı seçin."),
    query_doc("tr", "invoices", "Proje faturaları", "Fatura taslaklarını onaylamak için gönderin."),
    query_doc("tr", "sales-tracking", "Proje satışı izleme", "Satış ekibi teklifleri ve fırsatları izler."),
    query_doc("tr", "payments", "Ödemeler", "Ödeme yapılırken proje satışı izleme ekranı açılır."),
    query_doc("tr", "invoice-errors", "Fatura hataları", "Gönderilemeyen taslaklar düzeltilip yeniden gönderilir."),
    query_doc("tr", "invoice-lines", "Fatura satırları", "Her hat için bir satır eklenir; hatalı bir satırı silin."),
    query_doc("tr", "line-numbers", "Satır sayısı", "Bir sözleşmenin satır sayısı sınırı vardır."),
    # the verbs a question is wrapped in ("nasıl yapılır", "cum fac") are in a rival's text, never in the title meant
    query_doc(
        "tr", "post-expenses", "Gider raporlarını deftere nakletme", "Onaylanan raporlar genel muhasebeye aktarılır."
    ),
    query_doc("tr", "expense-steps", "Gider adımları", "Raporların nakletme işlemi şöyle yapılır: gider seçilir."),
    query_doc(
        "ro", "submit-expenses", "Trimiterea rapoartelor de cheltuieli spre aprobare", "Managerul aprobă raportul."
    ),
    query_doc("ro", "expense-steps", "Cheltuieli", "Ce fac după trimiterea rapoartelor? Aștept aprobarea managerului."),
    # a typo in the word that tells two titles apart: "Date reale" is the rest of the query's title, not its article
    query_doc(
        "ro", "actuals-overview", "Prezentare date reale", "Datele reale sunt costurile și vânzările înregistrate."
    ),
    query_doc("ro", "actuals", "Date reale", "Tranzacțiile reale ale unui proiect."),
    query_doc("zh", "categories", "配置项目类别", "类别决定交易记入哪个总帐科目。"),
    query_doc("zh", "transaction-types", "交易类型", "了解如何配置项目类别和交易类型。"),
    query_doc("zh", "approvals", "审批概述", "审批人可以批准时间和支出。"),
    query_doc("zh", "approval-sets", "审批集", "审批集是什么：审批概述中的一组记录。"),
)

# query -> the article it must find first
CASES = {
    "tr": [
        ("giderleri onaylama", "tr/approve/"),
        ("giderleri onaylayin", "tr/approve/"),
        ("gider onaylamak", "tr/approve/"),
        ("proje fırsatını kapatmak", "tr/close-opportunity/"),
        ("proje firsatini kapatmak", "tr/close-opportunity/"),
        ("Proje satışı izleme nasıl yapılır", "tr/sales-tracking/"),
        ("proje satisi izleme nasil yapilir", "tr/sales-tracking/"),
        # a bare noun and its inflections (Snowball stemmed ``hata`` to ``ha``, ``satır`` and ``sayı`` both to ``sa``)
        ("fatura hatasi", "tr/invoice-errors/"),
        ("faturadaki hata", "tr/invoice-errors/"),
        ("faturanin satirlari", "tr/invoice-lines/"),
        ("sayi", "tr/line-numbers/"),
        ("gider raporu nakletme nasıl yapılır", "tr/post-expenses/"),
        ("gider raporu nakletme nasil yapilir", "tr/post-expenses/"),
    ],
    "ro": [
        ("cum fac trimiterea rapoartelor", "ro/submit-expenses/"),
        ("ce trebuie sa fac pentru trimiterea rapoartelor", "ro/submit-expenses/"),
        ("prezentaoe date reale", "ro/actuals-overview/"),
        ("preznetare date reale", "ro/actuals-overview/"),
    ],
    "zh": [
        ("如何配置项目类别", "zh/categories/"),
        ("审批概述是什么", "zh/approvals/"),
    ],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_search_site(tmp_path_factory.mktemp("reader-queries"), list(ARTICLES), tuple(CASES)) / PREFIX


@pytest.mark.parametrize("lang", sorted(CASES))
def test_reader_queries_find_their_article_first(lang: str) -> None:
    built = build_language_index([doc for doc in ARTICLES if doc.lang == lang], lang)
    index = searchable(built)
    for query, url in CASES[lang]:
        hits = search(index, query).hits
        assert hits, query
        assert built.documents[hits[0].ref].url == url, query


@pytest.mark.parametrize("lang", sorted(CASES))
def test_the_browser_core_finds_them_first_too(site: Path, lang: str) -> None:
    built = build_language_index([doc for doc in ARTICLES if doc.lang == lang], lang)
    index = searchable(built)
    queries = [query for query, _ in CASES[lang]]
    [answers] = run_node(site, [{"op": "search", "lang": lang, "queries": [{"query": q} for q in queries]}])
    for (query, url), answer in zip(CASES[lang], answers, strict=True):
        js: list[Any] = [(ref, tuple(terms)) for ref, _, terms in answer["hits"]]
        assert js == [(hit.ref, hit.terms) for hit in search(index, query).hits], query
        assert built.documents[js[0][0]].url == url, query
