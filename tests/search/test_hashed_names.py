"""Search files are named by their content, listed by the manifests, and a reader survives a deploy mid-session.

A host can then cache every file but ``index.json`` and ``<lang>/manifest.kbs`` forever: a name changes when, and
only when, its bytes do, and no manifest names a file of another build.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kbgen.search.build import SearchBuildError, build_search_assets, group_name, search_files
from kbgen.search.documents import SearchDocument
from kbgen.search.folders import PREFIX
from kbgen.search.shards import FILE_GROUPS
from tests.support.search import ASSETS, HERE, load_articles


def doc(url: str, title: str, text: str = "", lang: str = "en") -> SearchDocument:
    return SearchDocument(url=url, title=title, summary="", text=text, lang=lang, category="C")


def unpack(data: bytes) -> Any:
    return json.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)


def manifest_of(files: dict[str, bytes], lang: str) -> Any:
    return unpack(files[f"{lang}/manifest.kbs"])


def grouped(manifest: Any, lang: str, kind: str, number: int) -> str:
    """File ``number`` of a kind, named by its group as the worker names it (kb-search-worker.js, groupedUrl)."""
    group = manifest["files"][kind][number // manifest["fileGroups"][kind]]
    return f"immutable/{lang}/{kind}/{group}-{number}.kbs"


def listed(files: dict[str, bytes], lang: str) -> set[str]:
    """Every path the language's manifest names."""
    manifest = manifest_of(files, lang)
    counts = {"t": len(manifest["shards"]), "h": manifest["titles"], "n": manifest["neighbours"], "d": manifest["docs"]}
    paths = {grouped(manifest, lang, kind, n) for kind, count in counts.items() for n in range(count)}
    return paths | {f"immutable/{lang}/{kind}/{manifest['files'][kind]}.kbs" for kind in ("v", "r")}


def hashed(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files a host may cache forever: everything below ``immutable/``."""
    return {path: data for path, data in files.items() if path.startswith("immutable/")}


def many(count: int, lang: str = "en", words: int = 8) -> list[SearchDocument]:
    """``count`` articles; each has ``words`` words of its own, so a few hundred fill several term shards."""
    return [
        doc(
            f"{lang}/a{i:04}/",
            f"Article {i} about topic{i % 7}",
            " ".join(f"w{i}x{n}" for n in range(words)) + f" body text with words{i % 11}.",
            lang,
        )
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def sample() -> dict[str, bytes]:
    return search_files(load_articles())


@pytest.mark.parametrize("kind", ["v", "r"], ids=["vocabulary", "versions"])
def test_single_files_are_named_by_their_bytes(sample: dict[str, bytes], kind: str) -> None:
    for lang in ("en", "tr", "ro", "zh"):
        name = manifest_of(sample, lang)["files"][kind]
        assert name == hashlib.sha256(sample[f"immutable/{lang}/{kind}/{name}.kbs"]).hexdigest()[:16]


@pytest.mark.parametrize("kind", ["t", "h", "n", "d"])
def test_shards_and_fragments_are_named_by_the_bytes_of_their_group(sample: dict[str, bytes], kind: str) -> None:
    checked = 0
    for lang in ("en", "tr", "ro", "zh"):
        manifest = manifest_of(sample, lang)
        prefix = f"immutable/{lang}/{kind}/"
        numbered = sorted((int(p.rsplit("-", 1)[1][:-4]), data) for p, data in sample.items() if p.startswith(prefix))
        assert [n for n, _ in numbered] == list(range(len(numbered)))
        size = FILE_GROUPS[kind]
        blobs = [data for _, data in numbered]
        digests = [hashlib.sha256(blob).digest() for blob in blobs]
        names = [group_name(digests[start : start + size]) for start in range(0, len(digests), size)]
        assert manifest["files"][kind] == names
        checked += len(blobs)
    assert checked >= 4  # at least one file of the kind in every language


@pytest.mark.parametrize("lang", ["en", "tr", "ro", "zh"])
def test_the_manifest_lists_exactly_the_files_of_its_language(sample: dict[str, bytes], lang: str) -> None:
    on_disk = {path for path in sample if path.startswith(f"immutable/{lang}/")}
    assert listed(sample, lang) == on_disk


def test_only_index_json_the_language_manifests_and_lunr_keep_their_names(sample: dict[str, bytes]) -> None:
    assert all(
        re.fullmatch(r"immutable/[a-z]+/([vr]/[0-9a-f]{16}|[thnd]/[0-9a-f]{16}-\d+)\.kbs", p) for p in hashed(sample)
    )
    fixed = sorted(path for path in sample if path not in hashed(sample))
    assert [p for p in fixed if not p.startswith("lunr/")] == [
        "en/manifest.kbs", "index.json", "ro/manifest.kbs", "tr/manifest.kbs", "zh/manifest.kbs",
    ]  # fmt: skip


def test_a_name_changes_when_and_only_when_its_bytes_change() -> None:
    before = search_files([*many(300), *many(20, "tr")])
    edited = many(300)
    edited[5] = replace(edited[5], text="A rewritten body that mentions a brandnewword.")
    after = search_files([*edited, *many(20, "tr")])
    old, new = hashed(before), hashed(after)
    for path in old.keys() & new.keys():
        assert old[path] == new[path], path  # a kept name always means the very same bytes
    changed = old.keys() - new.keys()
    assert changed and old.keys() & new.keys()
    tr_files = {p for p in old if p.startswith("immutable/tr/")}
    assert tr_files and tr_files == {p for p in new if p.startswith("immutable/tr/")}  # tr untouched
    assert len(manifest_of(before, "en")["shards"]) > 2
    groups_before, groups_after = manifest_of(before, "en")["files"]["d"], manifest_of(after, "en")["files"]["d"]
    assert len(groups_before) == 2 == 300 // FILE_GROUPS["d"] + 1
    assert groups_before[0] != groups_after[0]  # the group holding article 5
    assert groups_before[1] == groups_after[1]  # articles 256 to 299: the same bytes, the same names


def test_the_same_content_gets_the_same_names_in_any_order() -> None:
    docs = many(40)
    assert search_files(docs) == search_files(list(reversed(docs)))


def test_a_new_article_in_another_language_renames_nothing_here() -> None:
    base = [*many(30), *many(5, "tr")]
    before = search_files(base)
    after = search_files([*base, doc("tr/new/", "Yeni makale", "metin", "tr")])

    def english(files: dict[str, bytes]) -> dict[str, bytes]:
        return {p: d for p, d in files.items() if p.startswith(("en/", "immutable/en/"))}

    assert len(english(before)) > 30 and english(before) == english(after)
    assert before["index.json"] != after["index.json"]


# The shipped worker, kept alive across a redeploy; answers with the URLs of the page language's hits.
WORKER = """async ([lang, query]) => {
  if (!window.kbWorker) {
    window.kbWorker = new Worker('assets/search/kb-search-worker.js');
    const base = document.baseURI;
    window.kbWorker.postMessage({ type: 'init', root: new URL('kb-search/', base).href,
                                  core: new URL('assets/search/kb-search-core.js', base).href, lang });
    window.kbId = 0;
  }
  const id = ++window.kbId;
  return await new Promise((resolve) => {
    const urls = [];
    window.kbWorker.onmessage = ({ data }) => {
      if (data.type === 'error') { resolve({ error: data.message }); }
      if (data.id !== id) { return; }
      if (data.type === 'hit') { urls[data.rank] = data.item.url; }
      if (data.type === 'finish') { resolve({ urls }); }
    };
    window.kbWorker.postMessage({ type: 'search', id, query, complete: true, version: '' });
  });
}"""


@pytest.mark.browser
def test_a_reader_searching_across_a_deploy_gets_the_new_build(
    browser: Any, serve: Callable[[Path], str], tmp_path: Path
) -> None:
    site = tmp_path / "site"
    filler = many(300, words=20)  # enough for many term shards: a query fetches only some of them
    first = [doc("en/alpha/", "Alpha guide", "Setting up the alpha console."), doc("en/beta/", "Beta", "Old text.")]
    build_search_assets([*first, *filler], site)
    assert len(unpack((site / PREFIX / "en" / "manifest.kbs").read_bytes())["shards"]) > 3
    shutil.copytree(ASSETS, site / "assets" / "search")
    page_html = (HERE / "site" / "page.html").read_text(encoding="utf-8")
    (site / "en.html").write_text(page_html.replace("{lang}", "en").replace("{text}", "{}"), encoding="utf-8")
    base = serve(site)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{base}en.html")
        assert page.evaluate(WORKER, ["en", "alpha"]) == {"urls": ["en/alpha/"]}
        # A deploy: every shard the worker has not fetched yet now has another name. It lands in a later second
        # than the build the reader has: the test host (as most hosts) compares Last-Modified to the second, so a
        # manifest rewritten within the same second would be revalidated as unchanged (a 304 for the old bytes).
        time.sleep(1.01 - time.time() % 1)
        second = [first[0], doc("en/gamma/", "Gamma widgets", "A widget article that replaced beta.")]
        build_search_assets([*second, *filler], site)
        assert page.evaluate(WORKER, ["en", "widget"]) == {"urls": ["en/gamma/"]}
        assert page.evaluate(WORKER, ["en", "beta"]) == {"urls": ["en/gamma/"]}  # its text says "replaced beta"
    finally:
        context.close()


def test_no_language_folder_can_be_mistaken_for_the_immutable_one() -> None:
    with pytest.raises(SearchBuildError):
        search_files([doc("immutable/a/", "A", lang="immutable")])
