"""Unit and build tests for the search core: plain text in, exactly the given articles out, byte-identical."""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.render.sanitize import sanitize_html
from kbgen.search import chinese, text
from kbgen.search.build import SearchBuildError, build_search_assets, search_files
from kbgen.search.documents import SearchDocument
from kbgen.search.folders import PREFIX
from kbgen.search.index import FIELDS, build_language_index, prepare_analysis
from kbgen.search.languages import fold, language_key, process_word
from kbgen.search.shards import TITLE_BYTES, title_keys, utf16_key
from kbgen.search.text import html_to_text, page_text
from kbgen.search.titles import title_key, title_shard
from kbgen.search.tokenize import words
from kbgen.search.vendor import vendor_sources, without_unused
from tests.search.reference_search import search, searchable
from tests.support.search import CONTACT, field_vectors, load_articles, read_term_shard, read_term_shards


def doc(url: str, title: str, text: str = "", lang: str = "en", **kw: object) -> SearchDocument:
    return SearchDocument(url=url, title=title, summary="", text=text, lang=lang, category="C", **kw)  # type: ignore[arg-type]


def unpack(files: dict[str, bytes], path: str) -> object:
    data = files[path]
    return json.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Reset &amp;amp; go</p>", "Reset &amp; go"),
        ("<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>", "<script>alert(1)</script>"),
        ("<p>a</p><script>evil()</script><style>p{}</style><p>b</p>", "a b"),
        ('<h2 id="x">Title<a class="headerlink" href="#x">¶</a></h2>', "Title"),
        (
            '<div class="admonition note"><p class="admonition-title kb-admonition-label">Note</p><p>Only owners.</p>'
            "</div>",
            "Only owners.",
        ),
        (
            '<div class="admonition tip"><p class="admonition-title">Export all at once</p><p>Use <b>Export</b>.</p>'
            "</div><p>Next</p>",
            "Export all at once Use Export. Next",
        ),
        ('<p class="note kb-admonition-label x">Warning</p><p class="admonition">kept</p>', "kept"),
        ("<ul><li>One</li><li>Two</li></ul>", "One Two"),
        ("<!-- secret --><p>shown</p>", "shown"),
        ("<p>&#x15F;ifre &#351; &eacute;</p>", "şifre ş é"),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_words_split_like_the_browser() -> None:
    assert words("Reset-password (v2.0) şifre'yi 项目经理Project ＡＢＣ") == [
        ("Reset", False), ("password", False), ("v2", False), ("0", False), ("şifre", False), ("yi", False),
        ("项目经理", True), ("Project", False), ("ABC", False),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "lang", "terms"),
    [
        ("key", "en", ("key",)),
        ("display", "en", ("display",)),
        ("days", "en", ("day",)),
        ("şifre", "tr", ("sifr",)),
        ("sifre", "tr", ("sifr",)),
        ("ŞİFRE", "tr", ("sifr",)),
        ("IŞIK", "tr", process_word("ışık", "tr")),
        ("proiectul", "ro", ("proiect",)),
        ("proiect", "ro", ("proiect",)),
        ("preţuri", "ro", process_word("prețuri", "ro")),
        ("için", "tr", ()),
        ("icin", "tr", ()),
        ("the", "en", ()),
        ("Straße", "de", ("strasse",)),
    ],
)
def test_process_word(word: str, lang: str, terms: tuple[str, ...]) -> None:
    assert process_word(word, language_key(lang)) == terms


def test_fold() -> None:
    assert fold("şşțţăâîıi̇") == "ssttaaiii"
    assert fold("项目") == "项目"


def test_builder_writes_exactly_the_given_articles() -> None:
    given = [doc("en/a/", "Alpha article", "alpha text"), doc("tr/b/", "Beta", "metin", lang="tr")]
    files = search_files(given)
    fragments = [unpack(files, p) for p in sorted(files) if "/d/" in p]
    assert sorted(f["u"] for f in fragments) == ["en/a/", "tr/b/"]  # type: ignore[index]
    index = unpack(files, "index.json")
    assert [(lang["lang"], lang["docs"]) for lang in index["languages"]] == [("en", 1), ("tr", 1)]  # type: ignore[index]
    assert not any("internal" in p for p in files)


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    articles = load_articles()[:40]
    first = build_search_assets(articles, tmp_path / "one", contact=CONTACT)
    second = build_search_assets(list(reversed(articles)), tmp_path / "two", contact=CONTACT)
    assert [p.relative_to(tmp_path / "one") for p in first] == [p.relative_to(tmp_path / "two") for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a
    assert first == sorted(first)
    assert all(p.is_relative_to(tmp_path / "one" / PREFIX) for p in first)


def test_rebuild_replaces_stale_files(tmp_path: Path) -> None:
    build_search_assets([doc("en/a/", "A"), doc("en/b/", "B")], tmp_path)
    build_search_assets([doc("en/a/", "A")], tmp_path)
    assert [p.name.split("-")[1] for p in (tmp_path / PREFIX / "immutable" / "en" / "d").iterdir()] == ["0.kbs"]
    assert not list(tmp_path.glob("*.kbgen-tmp-*"))


def test_lunr_files_come_from_the_installed_packages() -> None:
    files = search_files([doc("en/a/", "A")])
    lunr_js = files["lunr/lunr.js"].decode()
    assert "lunr - http://lunrjs.com" in lunr_js and "2.3.9" in lunr_js
    assert {"lunr/lunr.stemmer.support.js", "lunr/lunr.ro.js"} <= set(files)
    assert "lunr/lunr.tr.js" not in files  # kb-search-core.js stems Turkish itself


def test_lunr_js_ships_minified_with_its_licence() -> None:
    """The browser fetches lunr.js before a first result: comments and indentation are bytes nobody reads."""
    shipped = search_files([doc("en/a/", "A")])["lunr/lunr.js"].decode()
    original = vendor_sources()["lunr.js"].read_text(encoding="utf-8")
    assert len(shipped) < 0.5 * len(original)
    assert shipped.startswith("/**\n * lunr - http://lunrjs.com") and "@license MIT" in shipped.split("*/")[0]
    assert "\n\n" not in shipped and "A convenience function for configuring" in original
    assert "A convenience function for configuring" not in shipped  # a doc comment, gone


def test_lunr_js_ships_without_the_index_and_query_code_the_browser_never_runs() -> None:
    """The browser scores from kbgen's shards: lunr's Index, Builder, Vector and query parser are dead weight.
    What it does run (tokens, stemmers, stop words, TokenSet) is exercised by the node and Chromium tests."""
    shipped = search_files([doc("en/a/", "A")])["lunr/lunr.js"].decode()
    unused = ("lunr.Index=", "lunr.Builder=", "lunr.Vector=", "lunr.QueryParser=", "lunr.Set=", "lunr.tokenizer=")
    for name in (*unused, "lunr.trimmer=", "lunr.stopWordFilter="):
        assert name not in shipped.replace(" ", "")
    for used in ("lunr.Token=", "lunr.TokenSet=", "lunr.Pipeline=", "lunr.stemmer=", "lunr.generateStopWordFilter="):
        assert used in shipped.replace(" ", "")


def test_a_lunr_js_without_the_expected_parts_is_shipped_whole() -> None:
    text = "/* lunr 9 */\nlunr.Token = function () {}\n/*!\n * lunr.Vector\n */\nlunr.Vector = 1\n"
    assert without_unused(text) == text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", " vbscript:x", ""])
def test_dangerous_contact_urls_are_refused(url: str) -> None:
    with pytest.raises(SearchBuildError):
        search_files([doc("en/a/", "A")], contact=[("Help", url)])


def test_bad_language_code_is_refused() -> None:
    with pytest.raises(SearchBuildError):
        search_files([doc("x/a/", "A", lang="../../etc")])


def test_shards_are_in_utf16_order_and_cover_astral_terms() -> None:
    given = [doc(f"zh/{i}/", f"𠮷野家 第{i}号 ￼ 文档 {chr(0xFF41 + i % 5)}", lang="zh") for i in range(30)]
    files = search_files(given)
    manifest = unpack(files, "zh/manifest.kbs")
    firsts = manifest["shards"]  # type: ignore[index]
    assert firsts == sorted(firsts, key=utf16_key)
    terms = [e[0] for p in sorted(files) if "/t/" in p for e in read_term_shard(files[p])["terms"]]
    assert "𠮷野家" in terms or "𠮷野" in terms


def test_every_term_is_looked_up_in_the_shard_that_holds_it() -> None:
    """The manifest lists only as much of each shard's first term as tells it from the shard before (it is fetched
    before every first query); the browser's lookup (the last boundary at or below a term) must still land on the
    shard holding the term, for every term."""
    words = [f"w{n}x{'abcdefgh'[n % 8] * (n % 5 + 1)}" for n in range(900)]
    given = [doc(f"en/{i}/", f"Article {i}", " ".join(words[i * 7 : i * 7 + 60])) for i in range(120)]
    files = search_files(given)
    boundaries: list[str] = unpack(files, "en/manifest.kbs")["shards"]  # type: ignore[index]
    paths = sorted((p for p in files if p.startswith("immutable/en/t/")), key=lambda p: int(p[:-4].rsplit("-")[-1]))
    assert len(boundaries) == len(paths) > 3
    keys = [utf16_key(b) for b in boundaries]
    shortened = 0
    for n, path in enumerate(paths):
        shard = read_term_shard(files[path])
        names = [str(entry[0]) for entry in shard["terms"]]
        assert {bisect.bisect_right(keys, utf16_key(name)) - 1 for name in names} == {n}
        first = min(names, key=utf16_key)
        assert first.startswith(boundaries[n])
        shortened += len(boundaries[n]) < len(first)
    assert shortened >= len(paths) // 2


def test_every_title_key_is_in_the_title_file_the_browser_looks_in() -> None:
    """Title keys are hashed into small files (FNV-1a, as the browser's pairShard): each key must be in the file
    its hash names, with exactly the documents of that title, and a file stays small, whatever the titles."""
    given = [
        doc(f"en/{i}/", f"Configure the {['billing', 'project', 'expense'][i % 3]} rule number {i}") for i in range(400)
    ]
    given += [doc("en/same-a/", "Approve expenses"), doc("en/same-b/", "Expenses: approve")]
    files = search_files(given, synonyms={})
    manifest = unpack(files, "en/manifest.kbs")
    count = manifest["titles"]  # type: ignore[index]
    assert count > 3
    found: dict[str, list[int]] = {}
    for n in range(count):
        group = manifest["files"]["h"][n // manifest["fileGroups"]["h"]]  # type: ignore[index]
        data = files[f"immutable/en/h/{group}-{n}.kbs"]
        assert len(gzip.decompress(data)) < 2 * TITLE_BYTES
        held = json.loads(gzip.decompress(data))
        assert all(title_shard(key, count) == n for key in held)
        found.update(held)
    index = build_language_index(given, language_key("en"))
    assert found == title_keys(index)
    assert found[title_key("Approve expenses", "en")] == [400, 401]  # one key for both, in ref order


def test_term_shards_hold_every_weight_lunr_stored() -> None:
    """The browser scores from the shards alone: every term's postings, read back (a common word's with its
    shard's tail), must be lunr.py's own field vectors (ref and weight in thousandths, per field), whatever the
    size of a gap or a weight."""
    words = [f"w{n}" for n in range(400)]
    given = [
        doc(
            f"en/{i}/",
            f"{words[i % 400]} article" + (" common" if i % 9 == 0 else ""),
            " ".join(words[i * 13 % 300 : i * 13 % 300 + 40] * (1 + i % 7)) + " common" * (i % 4 + 1),
        )
        for i in range(700)
    ]
    files = search_files(given, synonyms={})
    read = read_term_shards(files, "en")
    assert any(path.startswith("immutable/en/w/") for path in files)  # "common" is tiered
    index = build_language_index(given, "en")
    expected: dict[str, list[dict[int, int]]] = {term: [{} for _ in FIELDS] for term in index.terms}
    by_index = {number: term for term, number in index.terms.items()}
    field_no = {name: n for n, (name, _) in enumerate(FIELDS)}
    for field_ref, elements in field_vectors(index).items():
        field, ref = field_ref.split("/", 1)
        for i in range(0, len(elements), 2):
            expected[by_index[int(elements[i])]][field_no[field]][int(ref)] = round(elements[i + 1] * 1000)
    assert read.keys() == expected.keys()
    for term, fields in read.items():
        for flat, wanted in zip(fields, expected[term], strict=True):
            refs = list(itertools.accumulate(flat[0::2]))
            assert dict(zip(refs, flat[1::2], strict=True)) == wanted, term
    assert any(gap >= 128 for fields in read.values() for flat in fields for gap in flat[0::2])
    assert max(w for fields in read.values() for flat in fields for w in flat[1::2]) >= 128 * 256


def test_title_match_ranks_first_and_versions_filter() -> None:
    given = [
        doc("en/a/", "Reset your password", "Steps to reset.", versions=("3.2",)),
        doc("en/b/", "Billing", "You can reset billing password settings here."),
    ]
    built = build_language_index(given, "en")
    index = searchable(built)
    hits = search(index, "reset password").hits
    assert [built.documents[h.ref].url for h in hits] == ["en/a/", "en/b/"]
    only_40 = search(index, "reset password", allowed=lambda ref: not built.documents[ref].versions).hits
    assert [built.documents[h.ref].url for h in only_40] == ["en/b/"]


def test_empty_and_stop_word_queries_return_nothing() -> None:
    built = build_language_index([doc("en/a/", "The guide", "text")], "en")
    index = searchable(built)
    assert search(index, "").hits == ()
    assert search(index, "the of").hits == ()
    assert search(index, ":^~*").hits == ()


def test_parallel_build_writes_the_same_files(monkeypatch: pytest.MonkeyPatch) -> None:
    import kbgen.search.build as build

    articles = load_articles()
    serial = search_files(articles, CONTACT)
    monkeypatch.setattr(build, "PARALLEL_FROM", 10)
    assert search_files(articles, CONTACT) == serial


def test_sample_index_leaves_admonition_labels_out(sample_site: Path) -> None:
    """ "Note" opened the snippet of every article with a note (and matched every query for "note")."""
    fragments = [
        json.loads(gzip.decompress(p.read_bytes())) for p in (sample_site / PREFIX / "immutable" / "en" / "d").glob("*")
    ]
    text = next(f["x"] for f in fragments if f["u"] == "en/projects/invoice-tracked-time/")
    assert "This article is about invoices you send to your clients." in text
    assert "Note This article" not in text


_HTML_PIECES = [
    "<p>", "</p>", "<h2 id=\"a\">", "</h2>", "<a class=\"headerlink\" href=\"#a\">", "</a>", "¶", "<br>", "<br/>",
    "<li>", "</li>", "<ul>", "</ul>", "<code>", "</code>", "&lt;script&gt;", "&amp;", "&#39;", "x", "Step 1", " ",
    "\n", "<div class=\"admonition note\">", "<p class=\"admonition-title kb-admonition-label\">", "</div>",
    "<img alt=\"a > b\" src=\"i.png\">", "<table>", "<td>", "</td>", "</table>", "<strong>", "</strong>", "İş", "中文",
    "<", ">", "<svg>", "</svg>", "<!-- c -->", "<em title='q'>", "</em>",
]  # fmt: skip


def _html_parser_text(html: str) -> tuple[str, list[str]]:
    reference = text._TextExtractor()
    reference.feed(html)
    reference.close()
    return text._collapse("".join(reference.parts)), reference.headings


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=40).map("".join))
def test_page_text_is_what_html_parser_reads_sanitised_or_not(fragment: str) -> None:
    # Built pages go through the quick tokenizer; it must agree with html.parser on whatever the sanitiser emits,
    # and anything it does not take (a comment, a stray '<') must reach html.parser itself.
    sanitised = sanitize_html(fragment)
    assert page_text(sanitised) == _html_parser_text(sanitised)
    assert page_text(fragment) == _html_parser_text(fragment)


def test_the_sample_pages_take_the_quick_tokenizer(sample_site: Path) -> None:
    page = (sample_site / "en" / "index.html").read_text(encoding="utf-8")
    body = sanitize_html(page.split("<article", 1)[1].split(">", 1)[1].split("</article>", 1)[0])
    assert text._feed_serialized(text._TextExtractor(), body)


def test_word_counts_are_documents_and_a_document_counts_once_per_folded_spelling() -> None:
    """Did-you-mean and typo corrections rank words by how many documents hold them: a document writing both
    ``şifre`` and ``sifre`` counts once for the folded ``sifre``, and a word written twice in one document once."""
    given = [
        doc("tr/a/", "Şifre", "şifre sifre şifre", lang="tr"),
        doc("tr/b/", "Parola", "sifre", lang="tr"),
        doc("tr/c/", "Giriş", "şifre değiştir", lang="tr"),
    ]
    index = build_language_index(given, language_key("tr"))
    assert index.spellings["şifre"] == 2 and index.spellings["sifre"] == 2
    assert index.folded["sifre"] == 3  # a, b and c: not 4
    assert index.folded["degistir"] == 1 and "değiştir" not in index.folded


def test_preparing_languages_loads_the_chinese_dictionary_only_for_a_site_with_chinese() -> None:
    """A rebuild's search process prepares the site's languages while the build loads the content: jieba's
    dictionary (0.7 s) is loaded then for Chinese, and never for a site without it."""
    chinese._jieba.cache_clear()
    prepare_analysis(["en", "tr", "ro"])
    assert chinese._jieba.cache_info().currsize == 0
    prepare_analysis(["zh"])
    assert chinese._jieba.cache_info().currsize == 1
