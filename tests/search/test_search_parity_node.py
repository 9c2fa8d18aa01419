"""lunr.js under node, on the shards kbgen wrote, must tokenise and rank exactly as the Python side does."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from kbgen.search.documents import SearchDocument
from kbgen.search.index import LanguageIndex, build_language_index
from kbgen.search.languages import language_key, process_word, stop_words
from kbgen.search.tokenize import words
from tests.search.reference_search import rank_key, search, searchable
from tests.support.search import EXTRA, SYNONYMS, run_node, with_typo, write_search_site

LANGS = ("en", "tr", "ro", "zh")
QUERIES: dict[str, list[tuple[str, bool]]] = {
    "en": [("expense entry", True), ("approve time", True), ("invoice proposal", True), ("key", True),
           ("display day", True), ("configura", False), ("cash adv", False), ("unmatchedword expense", True),
           ("zzzz", True), ("the of and", True), ("Regenerate API keys", True), ("pricing", False)],
    "tr": [("şifre", True), ("sifre", True), ("ŞİFRE", True), ("sifrenizi", True), ("gider girişi", True),
           ("fatura", True), ("proje fiyat", True), ("onay", False), ("için", True), ("icin zaman", True)],
    "ro": [("proiect", True), ("proiectul", True), ("arhivare proiect", True), ("cheltuieli", True),
           ("facturare", True), ("aprobare timp", True), ("prețuri", True), ("preturi", True),
           ("preţuri", True), ("proie", False)],
    "zh": [("项目", True), ("支出", True), ("审批", True), ("报销", True), ("支出条目", True),
           ("项目发票", True), ("上传收据", True), ("Project Operations", True),
           ("发票 invoice", True), ("的", True)],
}  # fmt: skip


def by_lang(articles: list[SearchDocument], lang: str) -> list[SearchDocument]:
    return [doc for doc in articles if doc.lang == lang]


@pytest.mark.parametrize("lang", LANGS)
def test_words_and_terms_match_lunr_js(node: Any, articles: list[SearchDocument], lang: str) -> None:
    key = language_key(lang)
    texts = [f"{doc.title} {doc.summary} {doc.text}" for doc in by_lang(articles, lang)]
    texts.append("İstanbul IŞIK ışık Iğdır ŞİFRE şifre Ştefan Știință ţară țară ﬁle ＡＢＣ１２３ 𠮷野家 café")
    [js] = node([{"op": "words", "key": key, "texts": texts, "stopWords": sorted(stop_words(key))}])
    mismatches = []
    total = 0
    for text, js_words in zip(texts, js, strict=True):
        py_words = [[w, han, [w] if han else list(process_word(w, key))] for w, han in words(text)]
        assert [w[:2] for w in py_words] == [w[:2] for w in js_words]
        for py, other in zip(py_words, js_words, strict=True):
            total += 1
            if py != other:
                mismatches.append((py, other))
    assert total > 1000
    assert mismatches == []


def python_results(articles: list[SearchDocument], lang: str, queries: list[tuple[str, bool]]) -> list[Any]:
    built = build_language_index(by_lang(articles, lang), language_key(lang))
    index = searchable(built, SYNONYMS[lang])
    out = []
    for query, complete in queries:
        result = search(index, query, complete=complete)
        out.append((result, built))
    return out


def assert_same(queries: list[tuple[str, bool]], python: list[Any], js: list[Any]) -> None:
    for (query, _), (py, _built), other in zip(queries, python, js, strict=True):
        py_hits = [(h.ref, h.terms) for h in py.hits[:10]]
        js_hits = [(ref, tuple(terms)) for ref, _, terms in other["hits"][:10]]
        assert py_hits == js_hits, query
        for h, (_, score, _) in zip(py.hits[:10], other["hits"][:10], strict=True):
            assert h.score == pytest.approx(score, rel=1e-9, abs=1e-12), query
        assert (py.partial, list(py.missing)) == (other["partial"], other["missing"]), query
        assert {w: list(c) for w, c in py.corrections.items()} == other["corrections"], query


@pytest.mark.parametrize("lang", LANGS)
def test_lunr_js_ranks_like_python(node: Any, articles: list[SearchDocument], lang: str) -> None:
    queries = QUERIES[lang] + [(doc.title, True) for doc in by_lang(articles, lang)]
    queries += [(doc.title[: max(4, len(doc.title) // 2)], False) for doc in by_lang(articles, lang)[:10]]
    [js] = node([{"op": "search", "lang": lang, "queries": [{"query": q, "complete": c} for q, c in queries]}])
    python = python_results(articles, lang, queries)
    assert_same(queries, python, js)
    assert sum(bool(py.hits) for py, _ in python) >= len(queries) - 3


def test_title_queries_find_their_article(articles: list[SearchDocument]) -> None:
    for lang in LANGS:
        built = build_language_index(by_lang(articles, lang), language_key(lang))
        index = searchable(built)
        for ref, doc in enumerate(built.documents):
            top = [h.ref for h in search(index, doc.title).hits[:3]]
            assert ref in top, (lang, doc.title)


def test_a_query_fetches_few_shards(node: Any) -> None:
    [js] = node([{"op": "search", "lang": "en", "queries": [{"query": "approve expense"}]}])
    assert 1 <= len(js[0]["shards"]) <= 2


@pytest.mark.parametrize(
    ("lang", "query", "url"),
    [
        ("tr", "sifre", "tr/account/reset-password/"),
        ("tr", "şifremi unuttum", "tr/account/reset-password/"),
        ("ro", "arhivare proiect", "ro/projects/archive/"),
        ("en", "key", "en/account/api-keys/"),
        ("en", "display", "en/account/api-keys/"),
        ("zh", "报销", "zh/expense/receipts/"),
        ("zh", "收据", "zh/expense/receipts/"),
    ],
)
def test_known_traps_are_found_by_lunr_js(
    node: Any, articles: list[SearchDocument], lang: str, query: str, url: str
) -> None:
    built = build_language_index(by_lang(articles, lang), language_key(lang))
    [js] = node([{"op": "search", "lang": lang, "queries": [{"query": query}]}])
    assert url in [built.documents[ref].url for ref, _, _ in js[0]["hits"][:3]]


def test_extra_articles_are_in_the_fixture() -> None:
    assert {doc.lang for doc in EXTRA} == set(LANGS)


def test_two_character_chinese_queries_find_every_article_containing_them(
    articles: list[SearchDocument],
) -> None:
    built = build_language_index(by_lang(articles, "zh"), "zh")
    index = searchable(built)
    pairs = sorted(t for t in built.terms if len(t) == 2 and all("\u4e00" <= c <= "\u9fff" for c in t))
    assert len(pairs) > 1000
    for pair in pairs:
        want = {i for i, d in enumerate(built.documents) if pair in f"{d.title} {d.summary} {d.text}"}
        assert want <= {h.ref for h in search(index, pair).hits}, pair


TYPO_QUERIES: dict[str, list[tuple[str, bool]]] = {
    "en": [("expnse approval", True), ("aprove time", True), ("invocie", True), ("Regenrate API key", True),
           ("regenerate an api key", True), ("approvel", True), ("expnse entr", False), ("reciept", True),
           ("bill", True), ("log in", True), ("sign in invoice", True), ("refund claim", True),
           ("my refund claims", True), ("sign", True), ("configuartion", True), ("xqzvwkj", True)],
    "tr": [("sifrenizi sifirlama", True), ("şifrenizi sıfırlama", True), ("sıfırlamma", True), ("parola", True),
           ("hesap pusulası", True), ("faturra", True), ("gidr girişi", True), ("ŞİFRE", True)],
    "ro": [("arhivarea proiectelr", True), ("proiectelor", True), ("factură", True), ("notă de plată", True),
           ("facturrare", True), ("aprobare tmp", True), ("cheltuielli", True)],
    "zh": [("账单", True), ("发票", True), ("小票", True), ("上传报销收据", True), ("上传报销小票", True),
           ("invoce", True)],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_lunr_js_corrects_and_expands_like_python(node: Any, articles: list[SearchDocument], lang: str) -> None:
    docs = by_lang(articles, lang)
    queries = TYPO_QUERIES[lang] + [(with_typo(doc.title, i), True) for i, doc in enumerate(docs)]
    queries += [(with_typo(doc.title, i), False) for i, doc in enumerate(docs[:8])]
    [js] = node([{"op": "search", "lang": lang, "queries": [{"query": q, "complete": c} for q, c in queries]}])
    python = python_results(articles, lang, queries)
    assert_same(queries, python, js)
    if lang != "zh":
        assert sum(bool(py.corrections) for py, _ in python) >= len(docs) // 2


@pytest.mark.parametrize("lang", ["en", "tr", "ro"])
def test_a_typo_in_a_title_still_finds_the_article(articles: list[SearchDocument], lang: str) -> None:
    built = build_language_index(by_lang(articles, lang), language_key(lang))
    index = searchable(built, SYNONYMS[lang])
    missed = []
    for ref, doc in enumerate(built.documents):
        query = with_typo(doc.title, ref)
        if ref not in [h.ref for h in search(index, query).hits[:3]]:
            missed.append(query)
    assert len(missed) <= len(built.documents) // 10, missed


@pytest.mark.parametrize(
    ("lang", "query", "corrected", "top"),
    [
        ("en", "expnse", "expense", None),
        ("en", "Regenrate API key", "regenerate", "en/account/api-keys/"),
        ("en", "aprove", "approve", None),
        ("tr", "sifrenizi sifirlamma", "sifirlama", "tr/account/reset-password/"),
        ("tr", "ŞİFRENİZİ SIFIRLAMMA", "sifirlama", "tr/account/reset-password/"),
        ("ro", "arhivarea proiectelr", "proiectele", "ro/projects/archive/"),
    ],
)
def test_typo_is_corrected_by_lunr_js(
    node: Any, articles: list[SearchDocument], lang: str, query: str, corrected: str, top: str | None
) -> None:
    built = build_language_index(by_lang(articles, lang), language_key(lang))
    [js] = node([{"op": "search", "lang": lang, "queries": [{"query": query}]}])
    assert any(corrected in found for found in js[0]["corrections"].values()), js[0]["corrections"]
    assert js[0]["hits"]
    if top:
        assert built.documents[js[0]["hits"][0][0]].url == top
    assert len(js[0]["near"]) <= 6 * len(js[0]["corrections"])


def test_exact_words_rank_above_corrected_ones() -> None:
    docs = [
        SearchDocument("en/a/", "Approve timesheets", "", "Managers approve time.", "en", "Time"),
        SearchDocument("en/b/", "Aprove list", "", "A product called Aprove.", "en", "Other"),
        SearchDocument("en/c/", "Approve approve approve", "", "approve approve", "en", "Time"),
    ]
    index = searchable(build_language_index(docs, "en"))
    result = search(index, "aprove")
    assert result.corrections == {"aprove": ("approve",)}
    assert [h.ref for h in result.hits] == [1, 2, 0]


def test_a_query_that_says_the_title_ranks_that_article_first() -> None:
    docs = [
        SearchDocument("en/a/", "Time entries", "", "time entries time entries time entries", "en", "Time"),
        SearchDocument("en/b/", "Enter time", "", "Enter time entries here. " * 3, "en", "Time"),
        SearchDocument("zh/a/", "上传收据", "", "上传收据 上传收据 上传收据 收据", "zh", "支出"),
        SearchDocument("zh/b/", "收据", "", "上传收据的步骤。", "zh", "支出"),
    ]
    en = build_language_index(docs[:2], "en")
    zh = build_language_index(docs[2:], "zh")

    def first(built: LanguageIndex, query: str) -> str:
        return built.documents[search(searchable(built), query).hits[0].ref].url

    assert first(en, "enter the time") == "en/b/"
    assert first(en, "time entries") == "en/a/"
    assert first(zh, "收据") == "zh/b/"
    assert first(zh, "上传收据") == "zh/a/"


@pytest.mark.parametrize(
    ("lang", "query", "url"),
    [
        ("en", "refund claim", "en/expense/"),
        ("tr", "parola", "tr/account/reset-password/"),
        ("zh", "小票", "zh/expense/receipts/"),
    ],
)
def test_synonyms_find_articles_that_use_the_other_word(
    node: Any, articles: list[SearchDocument], lang: str, query: str, url: str
) -> None:
    built = build_language_index(by_lang(articles, lang), language_key(lang))
    [js] = node([{"op": "search", "lang": lang, "queries": [{"query": query}]}])
    assert any(built.documents[ref].url.startswith(url) for ref, _, _ in js[0]["hits"][:3])
    plain = search(searchable(built), query)
    assert not any(built.documents[h.ref].url.startswith(url) for h in plain.hits[:3])


@pytest.mark.parametrize("score_scale", [1.0, 1e9], ids=["packed-keys", "comparator"])
def test_browser_ranks_hits_in_the_reference_order(node: Any, score_scale: float) -> None:
    """Title, corrections, near-title, every word in the title, score (to a millionth), then ref; scores spread
    over a billion-fold range take the browser's comparator path instead of its packed keys, and must order the
    same."""
    rng = random.Random(7)
    hits = [
        [
            ref,
            round(rng.choice([0.5, 0.25, 1.75, rng.random() * 3]), 7) * score_scale,
            rng.choice([0, 1, 1, 1]),
            rng.choice([0, 0, 0, 1, 2]),
            rng.choice([0, 1, 1]),
            rng.choice([0, 1, 1]),
        ]
        for ref in rng.sample(range(50_000), 3_000)
    ]
    [browser] = node([{"op": "ranked", "hits": hits}])
    expected = sorted(hits, key=lambda h: (h[2], h[3], h[4], h[5], rank_key(h[0], h[1])))
    assert browser == [h[0] for h in expected]


def test_an_article_whose_title_holds_every_word_comes_before_a_higher_score(tmp_path: Path) -> None:
    """'proje faturası' (project invoice) on a Turkish help center where nearly every article says 'proje': the
    article titled 'Proje faturası tümleştirmesi' comes first, in the browser and in the reference, though the
    vendor-invoice article scores higher on its many mentions of 'fatura' (it has only that word in its title)."""
    filler = " ".join(["Proje ayarlarını açın ve kaydedin."] * 3)
    docs = [
        SearchDocument("tr/v/", "Satıcı faturası tümleştirmesi", "", " ".join(["Satıcı faturası, proje faturası"] * 12),
                       "tr", "Fatura"),
        SearchDocument("tr/p/", "Proje faturası tümleştirmesi", "", "Bu makale tümleştirmeyi anlatır. " + filler,
                       "tr", "Fatura"),
        *(SearchDocument(f"tr/f{n}/", f"Konu {n}", "", f"{filler} Madde {n}.", "tr", "Genel") for n in range(8)),
    ]  # fmt: skip
    built = build_language_index(docs, language_key("tr"))
    reference = search(searchable(built), "proje faturası")
    assert [built.documents[h.ref].url for h in reference.hits[:2]] == ["tr/p/", "tr/v/"]
    assert reference.hits[1].score > reference.hits[0].score  # the order is the title's, not the score's
    root = write_search_site(tmp_path / "site", docs, ("tr",)) / "kb-search"
    [js] = run_node(root, [{"op": "search", "lang": "tr", "queries": [{"query": "proje faturası"}]}])
    assert [built.documents[ref].url for ref, _, _ in js[0]["hits"][:2]] == ["tr/p/", "tr/v/"]
