"""How one source file is mapped and written: key chains, date formats, kbgen keys with foreign meanings,
line endings, encodings, and what is left out. Runs the core on a source folder outside any git repository."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from kbgen.adopt.body_text import first_paragraph
from kbgen.adopt.mapping import Options
from kbgen.adopt.run import AdoptError, Outcome, adopt_tree
from kbgen.adopt.summary import format_summary, suggested_foreign_keys
from kbgen.config.settings import KbConfig, parse_config
from kbgen.loading.loader import load_corpus
from kbgen.review.schedule import judge_all
from tests.support.project import BASE_PLUGIN_CONFIG

TODAY = date(2026, 11, 26)
CONFIG = parse_config({**BASE_PLUGIN_CONFIG, "foreign_keys": ["ms.*", "author", "date", "source.*"]})


class Tree:
    def __init__(self, root: Path) -> None:
        self.source = root / "source"
        self.source.mkdir()
        self.content = root / "content"
        self.target = self.content / "en"

    def write(self, rel: str, data: str | bytes) -> Path:
        path = self.source / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def adopt(self, config: KbConfig = CONFIG, **options: object) -> Outcome:
        opts = Options(lang="en", today=TODAY, **options)  # type: ignore[arg-type]
        return adopt_tree(self.source, self.target, config, opts, "content/en/")

    def written(self, rel: str) -> bytes:
        return (self.target / rel).read_bytes()

    def meta(self, rel: str) -> dict[str, object]:
        text = self.written(rel).decode("utf-8").replace("\r\n", "\n")
        loaded = yaml.safe_load(text[4 : text.index("\n---\n", 3)])
        assert isinstance(loaded, dict)
        return loaded

    def messages(self, outcome: Outcome, kind: str) -> list[str]:
        return [note.format().removeprefix(self.source.as_posix() + "/") for note in outcome.of_kind(kind)]


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path)


MS_LEARN = (
    "---\ntitle: Pay an invoice\ndescription: How to pay.\nms.author: ana\nms.date: 03/15/2026\n---\n\n# Pay\n\nText.\n"
)


def test_ms_learn_keys_map_with_nothing_to_report(tree: Tree) -> None:
    tree.write("billing/pay.md", MS_LEARN)
    outcome = tree.adopt()
    assert outcome.clean and outcome.articles == 1
    meta = tree.meta("billing/pay.md")
    assert meta == {
        "summary": "How to pay.", "owner": "ana", "reviewed": date(2026, 3, 15), "product_version": "all",
        "title": "Pay an invoice", "description": "How to pay.", "ms.author": "ana", "ms.date": "03/15/2026",
    }  # fmt: skip
    corpus = load_corpus(tree.content, CONFIG, "content/")
    assert [f.format() for f in corpus.findings] == []
    assert corpus.articles[0].reviewed == date(2026, 3, 15)


def test_the_owner_keys_are_tried_in_the_order_given(tree: Tree) -> None:
    tree.write("a/x.md", "---\ntitle: X\nauthor: gh-handle\nms.author: alias\nms.date: 03/15/2026\n---\nBody\n")
    tree.adopt()
    assert tree.meta("a/x.md")["owner"] == "gh-handle"  # the default order: owner, author, ms.author
    tree.target.joinpath("a/x.md").unlink()
    tree.adopt(owner_keys=("ms.author", "author"))
    assert tree.meta("a/x.md")["owner"] == "alias"


def test_a_date_key_in_its_own_format(tree: Tree) -> None:
    tree.write("a/x.md", "---\ntitle: X\nowner: o\nupdated: 15.03.2026\n---\nBody\n")
    outcome = tree.adopt(date_keys=("updated",), date_formats=("%d.%m.%Y",))
    assert outcome.clean and tree.meta("a/x.md")["reviewed"] == date(2026, 3, 15)


def test_a_date_that_does_not_parse_is_reported_with_its_line_and_today_is_used(tree: Tree) -> None:
    tree.write("a/x.md", "---\ntitle: X\nowner: o\nms.date: 31/12/2025\n---\nBody\n")
    outcome = tree.adopt()
    assert tree.messages(outcome, "unmapped") == [
        "a/x.md:4: 'ms.date' is '31/12/2025', not a date (expected YYYY-MM-DD; does not match %m/%d/%Y); not used"
    ]
    assert tree.messages(outcome, "default") == ["a/x.md: reviewed 2026-11-26 (today: no date key or git history)"]
    assert tree.meta("a/x.md")["reviewed"] == TODAY


def test_a_yaml_date_time_gives_its_date(tree: Tree) -> None:
    tree.write("a/x.md", "---\ntitle: X\nowner: o\ndate: 2026-02-03 10:30:00\n---\nBody\n")
    assert tree.adopt().clean and tree.meta("a/x.md")["reviewed"] == date(2026, 2, 3)


def test_a_reviewed_key_in_another_format_is_converted_and_kept_aside(tree: Tree) -> None:
    tree.write("a/x.md", "---\ntitle: X\nowner: o\nreviewed: 03/15/2026\n---\nBody\n")
    outcome = tree.adopt()
    assert outcome.clean
    meta = tree.meta("a/x.md")
    assert (meta["reviewed"], meta["source.reviewed"]) == (date(2026, 3, 15), "03/15/2026")


@pytest.mark.parametrize(
    ("line", "key", "message"),
    [
        ("audience: Admin", "audience", "'audience' is 'Admin'; expected one of public, internal"),
        ("status: live", "status", "'status' is 'live'; expected one of published, draft, archived"),
        ("owner: 1234", "owner", "'owner' expected text, got number 1234 (YAML read '1234'); quote it: \"1234\""),
        ("tags: {a: 1}", "tags", "'tags' expected text or a list of text, got a mapping"),
    ],
)
def test_a_kbgen_key_with_a_foreign_meaning_is_kept_under_source(tree: Tree, line: str, key: str, message: str) -> None:
    tree.write("a/x.md", f"---\ntitle: X\nauthor: ana\nms.date: 03/15/2026\n{line}\n---\nBody\n")
    outcome = tree.adopt()
    assert tree.messages(outcome, "unmapped") == [f"a/x.md:5: {message}; kept as 'source.{key}'"]
    text = tree.written("a/x.md").decode("utf-8")
    assert f"\nsource.{line}\n" in text
    corpus = load_corpus(tree.content, CONFIG, "content/")
    assert [f.format() for f in corpus.findings] == [] and corpus.articles[0].owner == "ana"


def test_a_template_key_is_kept_aside_so_it_cannot_steer_mkdocs(tree: Tree) -> None:
    tree.write("a/x.md", "---\ntitle: X\nowner: o\nreviewed: 2026-03-01\ntemplate: landing.html\n---\nBody\n")
    outcome = tree.adopt()
    assert tree.meta("a/x.md")["source.template"] == "landing.html" and "template" not in tree.meta("a/x.md")
    assert tree.messages(outcome, "unmapped") == [
        "a/x.md:5: 'template' would steer MkDocs' templates; kept as 'source.template'"
    ]


def test_without_front_matter_the_heading_and_first_paragraph_are_used(tree: Tree) -> None:
    tree.write(
        "a/x.md",
        "<!-- note -->\n# Set up *SSO*\n\n> [!NOTE]\n> Preview.\n\nConnect [your IdP](idp.md)\nin two steps.\n",
    )
    outcome = tree.adopt(owner="docs-team", owner_given=True)
    meta = tree.meta("a/x.md")
    assert (meta["title"], meta["summary"], meta["owner"]) == (
        "Set up SSO",
        "Connect your IdP in two steps.",
        "docs-team",
    )
    assert tree.messages(outcome, "default") == [
        "a/x.md: owner 'docs-team' (from --owner: no owner key, CODEOWNERS entry or git history)",
        "a/x.md: reviewed 2026-11-26 (today: no date key or git history)",
    ]


def test_html_comments_are_not_part_of_the_summary(tree: Tree) -> None:
    tree.write("a/x.md", "# X\n\n<!-- from banner.md -->\nConnect <!-- TODO --> your IdP.\n<!-- end -->\nLater.\n")
    tree.adopt()
    assert tree.meta("a/x.md")["summary"] == "Connect your IdP."


def test_without_a_heading_the_title_comes_from_the_file_name(tree: Tree) -> None:
    tree.write("a/set-up-sso.md", "Just text.\n")
    outcome = tree.adopt()
    assert tree.meta("a/set-up-sso.md")["title"] == "Set up sso"
    assert "a/set-up-sso.md: title 'Set up sso' from the file name (no title key or heading)" in tree.messages(
        outcome, "default"
    )
    assert tree.meta("a/set-up-sso.md")["owner"] == "unowned"


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("---\ntitle: A: b\nowner: o\n---\nBody\n", 2, "YAML syntax error"),
        ("---\ntitle: x\nowner: o\nBody without a closing line\n", 1, "front matter opened here is not closed"),
        ("---\n- a\n- b\n---\nBody\n", 2, "front matter must be a mapping"),
        ("---\nbase: &b x\ncopy: *b\n---\nBody\n", 2, "anchors and aliases"),
    ],
)
def test_front_matter_that_cannot_be_read_gives_nothing_and_keeps_the_body(
    tree: Tree, text: str, line: int, problem: str
) -> None:
    tree.write("a/x.md", text)
    outcome = tree.adopt()
    (note,) = tree.messages(outcome, "unmapped")
    assert note.startswith(f"a/x.md:{line}: {problem}") and note.endswith("nothing taken from it")
    assert tree.meta("a/x.md")["owner"] == "unowned"
    corpus = load_corpus(tree.content, CONFIG, "content/")
    assert [f.format() for f in corpus.findings] == []


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_line_endings_and_a_bom_are_respected_and_the_body_is_kept_byte_for_byte(tree: Tree, newline: str) -> None:
    body = f"{newline}# Pay  {newline}{newline}Text with trailing spaces   {newline}no final newline"
    front = newline.join(["---", "title: Pay", "ms.author: ana", "ms.date: 03/15/2026", "---"])
    tree.write("a/x.md", b"\xef\xbb\xbf" + (front + body).encode("utf-8"))
    tree.adopt()
    written = tree.written("a/x.md")
    assert written.endswith(body.encode("utf-8"))
    block = written[: -len(body.encode("utf-8"))].decode("utf-8")
    assert block.startswith("---" + newline) and block.endswith(newline + "---")
    assert block.count("\n") == block.count(newline)  # every added line uses the source's line ending
    assert load_corpus(tree.content, CONFIG, "content/").articles[0].owner == "ana"


def test_a_file_that_is_not_utf8_is_left_out_with_its_line(tree: Tree) -> None:
    tree.write("a/x.md", b"---\ntitle: Caf\xe9\n---\n")
    outcome = tree.adopt()
    assert tree.messages(outcome, "left-out") == [
        "a/x.md:2: not valid UTF-8 (byte 0xE9); save the file as UTF-8; not adopted"
    ]
    assert not (tree.target / "a" / "x.md").exists()


def test_assets_are_copied_and_other_files_left_out(tree: Tree) -> None:
    tree.write("a/media/shot.png", b"\x89PNG\r\n\x1a\n-not-really")
    tree.write("a/docfx.yml", "build: {}\n")
    tree.write("a/toc.yml", "- name: A\n")  # read for its section names (tests/adopt/test_adopt_toc.py)
    tree.write("a/.openpublishing.json", "{}")
    (tree.source / "a" / "link.png").symlink_to("media/shot.png")
    outcome = tree.adopt()
    assert outcome.assets == 1 and tree.written("a/media/shot.png") == b"\x89PNG\r\n\x1a\n-not-really"
    assert tree.messages(outcome, "left-out") == [
        "a/.openpublishing.json: a hidden file; kbgen never publishes dot-files",
        "a/docfx.yml: kbgen does not publish '.yml' files; not carried",
        "a/link.png: a symbolic link; kbgen publishes no links, copy the file",
    ]


def test_index_pages_become_a_home_and_section_pages_with_only_their_keys(tree: Tree) -> None:
    tree.write("index.md", "---\ntitle: Docs\nintro: Everything.\nowner: o\n---\n")
    tree.write("guides/index.md", "---\ntitle: Guides\nredirect_from: [/old/]\nchildren: [/a]\n---\n")
    tree.write("guides/a.md", MS_LEARN)
    outcome = tree.adopt(
        config=parse_config({**BASE_PLUGIN_CONFIG, "foreign_keys": ["ms.*", "intro", "children", "source.*"]})
    )
    assert (outcome.articles, outcome.sections) == (1, 2)
    assert tree.meta("index.md") == {
        "summary": "Everything.",
        "title": "Docs",
        "intro": "Everything.",
        "source.owner": "o",
    }
    assert tree.meta("guides/index.md")["source.redirect_from"] == ["/old/"]
    assert tree.messages(outcome, "unmapped") == [
        "guides/index.md:3: kbgen's section pages have no 'redirect_from'; kept as 'source.redirect_from'",
        "index.md:4: kbgen's home pages have no 'owner'; kept as 'source.owner'",
    ]


def test_a_product_version_from_the_source_is_kept_and_the_option_fills_the_rest(tree: Tree) -> None:
    tree.write("a/x.md", '---\ntitle: X\nowner: o\nreviewed: 2026-03-01\nproduct_version: "3.2"\n---\nBody\n')
    tree.write("a/y.md", "---\ntitle: Y\nowner: o\nreviewed: 2026-03-01\n---\nBody\n")
    tree.write("a/z.md", "---\ntitle: Z\nowner: o\nreviewed: 2026-03-01\nproduct_version: 9\n---\nBody\n")
    outcome = tree.adopt(product_version="4.0")
    assert [tree.meta(f"a/{n}.md")["product_version"] for n in "xyz"] == ["3.2", "4.0", "4.0"]
    assert [m.split(": ", 1)[1] for m in tree.messages(outcome, "unmapped")] == [
        "'product_version' '9' is not a known version (3.0, 3.1, 3.2, 4.0); fix it or add it to product_versions in "
        "mkdocs.yml; kept as 'source.product_version'"
    ]


def test_front_matter_that_cannot_be_edited_in_place_is_left_out(tree: Tree) -> None:
    tree.write("a/x.md", "---\n{title: X, audience: Admin}\n---\nBody\n")
    outcome = tree.adopt()
    (note,) = tree.messages(outcome, "left-out")
    assert note == (
        "a/x.md: cannot rename 'audience' to 'source.audience' where it is written (line 2); "
        "not adopted, adopt this file by hand"
    )
    assert not (tree.target / "a" / "x.md").exists()


def test_the_target_may_not_overlap_the_source(tmp_path: Path) -> None:
    (tmp_path / "docs" / "content" / "en" / "x").mkdir(parents=True)
    options = Options(lang="en", today=TODAY)
    with pytest.raises(AdoptError, match="is inside the source"):
        adopt_tree(tmp_path / "docs", tmp_path / "docs" / "content" / "en", CONFIG, options, "content/en/")
    with pytest.raises(AdoptError, match="is inside the target"):
        adopt_tree(
            tmp_path / "docs" / "content" / "en" / "x", tmp_path / "docs" / "content" / "en", CONFIG, options, ""
        )


def test_the_foreign_keys_suggestion_groups_families_and_keeps_what_is_configured() -> None:
    found = {"ms.date", "ms.author", "author", "search.audienceType", "source.audience", "weird*key"}
    assert suggested_foreign_keys(found, ("author",)) == ["author", "ms.*", "search.*", "source.*", "weird[*]key"]
    assert suggested_foreign_keys({"ms.date"}, ("ms.*",)) == ["ms.*"]


def test_the_summary_says_dry_run_and_counts(tree: Tree) -> None:
    tree.write("a/x.md", MS_LEARN)
    outcome = tree.adopt(dry_run=True)
    text = format_summary(outcome, "content/en/", CONFIG.foreign_keys, dry_run=True)
    assert text.splitlines()[0].endswith(": 1 article, 0 section pages, 0 assets (dry run: nothing written)")
    assert "  owner: 1 from ms.author" in text.splitlines()
    assert "foreign_keys" not in text  # everything is covered by the configured patterns
    assert not tree.target.exists()


def test_a_review_cycle_the_source_states_is_the_articles_own(tree: Tree) -> None:
    """Microsoft Learn states each article's cycle (`ms.update-cycle: 1095-days`, 380 of 926 English articles): an
    article reviewed two years ago on a three-year cycle is not overdue, and one on a 180-day cycle is."""
    tree.write(
        "a/yearly.md", MS_LEARN.replace("ms.date: 03/15/2026", "ms.date: 11/01/2024\nms.update-cycle: 1095-days")
    )
    tree.write("a/often.md", MS_LEARN.replace("ms.date: 03/15/2026", "ms.date: 11/01/2024\nms.update-cycle: 180-days"))
    tree.write("a/own.md", "---\ntitle: Own\nowner: o\nreviewed: 2026-01-05\nreview_interval: 90 days\n---\nBody\n")
    tree.write("a/none.md", "---\ntitle: None\nowner: o\nreviewed: 2026-01-05\n---\nBody\n")
    outcome = tree.adopt()
    assert outcome.clean, tree.messages(outcome, "unmapped")
    assert tree.meta("a/yearly.md")["review_interval"] == "1095d"
    assert tree.meta("a/often.md")["review_interval"] == "180d"
    assert tree.meta("a/own.md")["review_interval"] == "90d"  # spelled out: converted, the original kept aside
    assert tree.meta("a/own.md")["source.review_interval"] == "90 days"
    assert "review_interval" not in tree.meta("a/none.md")  # the site's default applies, as to any article
    summary = format_summary(outcome, "content/en/", CONFIG.foreign_keys, dry_run=False)
    assert "  review_interval: 2 from ms.update-cycle, 1 from review_interval\n" in summary
    corpus = load_corpus(tree.content, CONFIG, "content/")
    assert [f.format() for f in corpus.findings] == []
    overdue = {
        judged.article.source.rel.name: judged.days_overdue for judged in judge_all(corpus.articles, CONFIG, TODAY)
    }
    assert overdue == {"yearly.md": 0, "often.md": 575, "own.md": 235, "none.md": 145}  # the site default: 180d


def test_a_review_cycle_that_is_not_one_is_reported_and_not_used(tree: Tree) -> None:
    tree.write("a/x.md", "---\ntitle: X\nowner: o\nreviewed: 2026-01-05\nms.update-cycle: quarterly\n---\nBody\n")
    outcome = tree.adopt()
    assert tree.messages(outcome, "unmapped") == [
        "a/x.md:5: 'ms.update-cycle' is 'quarterly', not a review cycle such as 180d; not used"
    ]
    assert "review_interval" not in tree.meta("a/x.md")


def test_the_order_the_source_gives_its_pages_is_kept(tree: Tree) -> None:
    """Docusaurus (`sidebar_position`), Hugo (`weight`) and Jekyll's just-the-docs (`nav_order`) order their pages:
    the adopted listings keep that order instead of sorting by title."""
    tree.write("guide/index.md", "---\ntitle: Guide\nweight: 2\n---\n")
    tree.write("guide/zebra.md", "---\ntitle: Zebra\nowner: o\nreviewed: 2026-01-05\nsidebar_position: 1\n---\nZ\n")
    tree.write("guide/apple.md", "---\ntitle: Apple\nowner: o\nreviewed: 2026-01-05\nnav_order: '3'\n---\nA\n")
    tree.write("guide/mango.md", "---\ntitle: Mango\nowner: o\nreviewed: 2026-01-05\norder: '2'\n---\nM\n")
    tree.write("guide/kiwi.md", "---\ntitle: Kiwi\nowner: o\nreviewed: 2026-01-05\nsidebar_position: 2.5\n---\nK\n")
    outcome = tree.adopt()
    assert tree.messages(outcome, "unmapped") == [
        "guide/kiwi.md:5: 'sidebar_position' is '2.5', not a whole number; not used"
    ]
    assert tree.meta("guide/index.md")["order"] == 2
    assert tree.meta("guide/mango.md")["source.order"] == "2"  # text: converted, the original kept aside
    summary = format_summary(outcome, "content/en/", CONFIG.foreign_keys, dry_run=False)
    assert "  order: 1 from weight, 1 from sidebar_position, 1 from order, 1 from nav_order\n" in summary
    assert "nav_order, sidebar_position, source.*, weight]" in summary  # the foreign_keys line to paste
    pasted = [*CONFIG.foreign_keys, "nav_order", "sidebar_position", "weight"]
    corpus = load_corpus(tree.content, parse_config({**BASE_PLUGIN_CONFIG, "foreign_keys": pasted}), "content/")
    assert [f.format() for f in corpus.findings] == []
    by_title = {article.title: article.order for article in corpus.articles}
    assert by_title == {"Zebra": 1, "Mango": 2, "Apple": 3, "Kiwi": None}


def test_files_kbgen_check_would_refuse_by_their_names_are_left_out_saying_why(tree: Tree) -> None:
    ok = "---\ntitle: Fine\nowner: o\nreviewed: 2026-01-05\n---\nBody\n"
    for rel in ("a/ok.md", "a/UPPER.MD", "a/con.md", "a/c#sharp.md", "50%/x.md", "a/media/aux.png"):
        tree.write(rel, ok if rel.endswith((".md", ".MD")) else b"\x89PNG\r\n\x1a\n")
    outcome = tree.adopt()
    fix = ": kbgen check would refuse it; rename it, then adopt it"
    assert sorted(tree.messages(outcome, "left-out")) == [
        f"50%/x.md: '50%' contains '%', which cannot be part of a page's address as it is{fix}",
        f"a/UPPER.MD: 'UPPER.MD' ends in '.MD'; kbgen reads only lower-case '.md'{fix}",
        f"a/c#sharp.md: 'c#sharp.md' contains '#', which cannot be part of a page's address as it is{fix}",
        f"a/con.md: 'con.md' uses the reserved Windows device name 'con'{fix}",
        f"a/media/aux.png: 'aux.png' uses the reserved Windows device name 'aux'{fix}",
    ]
    assert sorted(p.relative_to(tree.target).as_posix() for p in tree.target.rglob("*") if p.is_file()) == ["a/ok.md"]
    assert [f.format() for f in load_corpus(tree.content, CONFIG, "content/").findings] == []


@pytest.mark.parametrize(
    "body",
    [
        '=== "<img src=x onerror=alert(1)>"\n    Install it.\n',
        '??? note "More"\n    Install it.\n',
        "!!! warning\n    Install it.\n",
        '===+ "Windows"\n\n    Install it.\n\n=== "Mac"\n    Other.\n',
    ],
)
def test_a_summary_is_prose_not_the_line_that_opens_a_note_or_a_tab(body: str) -> None:
    assert first_paragraph(body) == "Install it."


def test_starlight_sidebar_order_and_label_place_and_name_the_page(tree: Tree) -> None:
    """Starlight nests its sidebar keys (`sidebar: {order: 2, label: Start here}`, as withastro/starlight's
    docs/src/content/docs/getting-started.mdx writes them, MIT): the order places the page and the label names a
    page with no title, as Docusaurus' `sidebar_position`/`sidebar_label` do."""
    tree.write("guides/b.md", "---\ntitle: Bee\nowner: o\nreviewed: 2026-01-05\nsidebar:\n  order: 1\n---\nB\n")
    tree.write(
        "guides/a.md", "---\nowner: o\nreviewed: 2026-01-05\nsidebar:\n  label: Start here\n  order: 2\n---\nA\n"
    )
    tree.write("guides/c.md", "---\ntitle: Sea\nowner: o\nreviewed: 2026-01-05\nsidebar:\n  order: 2.5\n---\nC\n")
    outcome = tree.adopt()
    assert tree.messages(outcome, "unmapped") == [
        "guides/c.md:6: 'sidebar.order' is '2.5', not a whole number; not used"
    ]
    assert tree.meta("guides/b.md")["order"] == 1
    assert tree.meta("guides/a.md")["order"] == 2
    assert tree.meta("guides/a.md")["title"] == "Start here"
    assert tree.meta("guides/a.md")["sidebar"] == {"label": "Start here", "order": 2}  # the source's own, kept
    summary = format_summary(outcome, "content/en/", CONFIG.foreign_keys, dry_run=False)
    assert "  order: 2 from sidebar.order\n" in summary
