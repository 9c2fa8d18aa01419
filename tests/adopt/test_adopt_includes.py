"""`kbgen adopt` expands DocFX `[!INCLUDE [..](..)]` directives: the included text replaces each directive, its
links still point where they did, and a directive it cannot expand is left as written and named with file:line.

The page and fragment texts are trimmed from Microsoft Learn: Dynamics 365 Project Operations documentation,
(c) Microsoft, CC BY 4.0 (see fixtures/README.md); the trees are written in tmp_path by each test.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import markdown
import pytest

from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, body_of, suggested_foreign_keys, tree_hashes
from tests.support.project import Site

IMPORTANT = (
    "> [!IMPORTANT]\n"
    "> Dynamics 365 Project Service Automation has evolved into Dynamics 365 Project Operations. For more "
    "information, see [Project Service Automation Transition](https://dynamics.microsoft.com/en-us/psa/).\n"
)
PREVIEW = (
    "> [!IMPORTANT]\n"
    ">\n"
    "> - This is a production-ready preview feature.\n"
    "> - Production-ready previews are subject to [supplemental terms of use](https://www.microsoft.com/terms/).\n"
)
INCLUDES = {
    "includes/psa-now-project-operations.md": IMPORTANT + "\n",
    "includes/preview-note.md": PREVIEW,
    "includes/pn-project-service-auto.md": "Project Service\n\n",
    "includes/pn-dynamics-crm.md": "Dynamics 365 for Customer Engagement\n",
    "includes/pn-microsoft-project.md": "Microsoft Project",
    "includes/footer-banner.md": "\n",
}


def page(title: str, body: str) -> str:
    """An MS Learn page whose front matter gives adopt everything, so only include problems make exit 1."""
    return (
        f"---\ntitle: {title}\ndescription: About {title.lower()}.\nauthor: rumant\nms.date: 07/07/2025\n---\n\n{body}"
    )


def make_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """`files`, and each of INCLUDES that one of them names, in `<root>/docs/articles`."""
    named = [rel for rel in INCLUDES if any(Path(rel).name.encode() in str(text).encode() for text in files.values())]
    source = root / "docs" / "articles"
    for rel, text in {**{rel: INCLUDES[rel] for rel in named}, **files}.items():
        path = source / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return source


def adopted(site: Site, rel: str) -> str:
    return body_of((site.content / "en" / rel).read_bytes()).decode("utf-8")


def summary_lines(output: str, source: Path) -> list[str]:
    """The summary's lines with the source folder written as SRC."""
    return output.replace(source.as_posix(), "SRC").splitlines()


def test_a_directive_on_its_own_line_becomes_the_included_text(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = make_tree(
        tmp_path,
        {
            "psa/actuals.md": page(
                "Actuals overview",
                "# Actuals overview\n\n[!INCLUDE [banner](../includes/psa-now-project-operations.md)]\n\n"
                "Actuals are the amount of work that has been completed on a project.\n\n"
                "[!include[footer-include](../includes/footer-banner.md)]\n",
            )
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 0, result.output
    assert adopted(site, "psa/actuals.md") == (
        "\n# Actuals overview\n\n"
        "<!-- included from includes/psa-now-project-operations.md -->\n"
        f"{IMPORTANT}"
        "<!-- end of includes/psa-now-project-operations.md -->\n\n"
        "Actuals are the amount of work that has been completed on a project.\n\n"
        "<!-- included from includes/footer-banner.md: empty -->\n"
    )


def test_inline_directives_go_inside_the_sentence_heading_table_and_list_item(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = make_tree(
        tmp_path,
        {
            "psa/plan.md": page(
                "Plan work",
                "Opportunities are warm leads. "
                "[!INCLUDE[pn_project_service_auto](../includes/pn-project-service-auto.md)] capabilities in "
                "[!INCLUDE[pn_dynamics_crm](../includes/pn-dynamics-crm.md)] guide you.  \n"
                "\n### Edit in [!INCLUDE[pn_microsoft_project](../includes/pn-microsoft-project.md)]\n\n"
                "| In | Result |\n|---|---|\n"
                "| [!INCLUDE[pn_microsoft_project](../includes/pn-microsoft-project.md)] **Gantt Chart** | WBS |\n\n"
                "1. Open [!INCLUDE[pn_microsoft_project](../includes/pn-microsoft-project.md)] and click the tab.\n"
                "1. [!INCLUDE[pn_microsoft_project](../includes/pn-microsoft-project.md)]\n",
            )
        },
    )
    assert adopt(run_kbgen, site, source).exit_code == 0
    assert adopted(site, "psa/plan.md").splitlines()[1:] == [
        "Opportunities are warm leads. Project Service capabilities in Dynamics 365 for Customer Engagement "
        "guide you.  ",
        "",
        "### Edit in Microsoft Project",
        "",
        "| In | Result |",
        "|---|---|",
        "| Microsoft Project **Gantt Chart** | WBS |",
        "",
        "1. Open Microsoft Project and click the tab.",
        "1. Microsoft Project",
    ]


def test_a_directive_inside_a_quote_or_a_list_item_keeps_its_text_there(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = make_tree(
        tmp_path,
        {
            "psa/availability.md": page(
                "Resource availability",
                "> [!NOTE]\n> [!INCLUDE[project](../includes/pn-project-service-auto.md)]  \n>\n> More.\n\n"
                "1. Sign in.\n1. [!INCLUDE [preview](../includes/preview-note.md)]\n1. Select **Save**.\n",
            )
        },
    )
    assert adopt(run_kbgen, site, source).exit_code == 0
    body = adopted(site, "psa/availability.md")
    assert "[!INCLUDE" not in body
    html = markdown.markdown(body, extensions=["admonition", "github-callouts", "tables", "pymdownx.superfences"])
    note = html[html.index('<div class="admonition note">') : html.index("</div>")]
    assert "<p>Project Service\n" in note.replace("<!-- included from includes/pn-project-service-auto.md -->\n", "")
    assert html.count("<ol>") == 1 and "<li>Sign in.</li>" in html
    assert "<li>\n<p>Select <strong>Save</strong>.</p>\n</li>\n</ol>" in html  # the third step is still a step
    second = html[html.index("<li>Sign in.</li>") : html.index("<p>Select")]
    assert '<div class="admonition important">' in second and "production-ready preview feature" in second


def test_nested_includes_are_expanded_with_their_links_pointing_where_they_did(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    source = make_tree(
        tmp_path,
        {
            "includes/see-also.md": (
                "See [Expense overview](../expense/expense-overview.md#basic).\n\n"
                "[!INCLUDE[icon](media/icon-line.md)]\n"
            ),
            "includes/media/icon-line.md": "![Expense icon](icon.png)\n",
            "includes/media/icon.png": b"\x89PNG\r\n\x1a\n",
            "expense/expense-overview.md": page("Expense overview", "## Basic\n\nRecord basic expenses.\n"),
            "welcome.md": page("Welcome", "[!INCLUDE[see](includes/see-also.md)]\n"),
            "pro/sales/confirm-contract-sales.md": page(
                "Confirm a project contract", "[!INCLUDE [see](../../includes/see-also.md)]\n"
            ),
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 0, result.output
    assert "](../../expense/expense-overview.md#basic)" in adopted(site, "pro/sales/confirm-contract-sales.md")
    assert "![Expense icon](../../includes/media/icon.png)" in adopted(site, "pro/sales/confirm-contract-sales.md")
    welcome = adopted(site, "welcome.md")
    assert "](expense/expense-overview.md#basic)" in welcome and "](includes/media/icon.png)" in welcome
    assert (site.content / "en" / "includes" / "media" / "icon.png").is_file()  # images are carried as before
    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    check = run_kbgen("check", "--today", TODAY, "--format", "json", "--fail-on", "never", cwd=site.root)
    findings = json.loads(check.stdout)["findings"]
    assert [f for f in findings if f["rule"] not in ("stale", "due-soon")] == []
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    confirm = site.read_output("en/pro/sales/confirm-contract-sales/index.html")
    assert 'href="../../../expense/expense-overview/#basic"' in confirm
    assert 'src="../../../includes/media/icon.png"' in confirm and "[!INCLUDE" not in confirm


def test_the_included_files_own_front_matter_is_dropped(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    fragment = "---\nauthor: rumant\nms.date: 07/07/2025\nms.topic: include\n---\nApplies to Project Service 3.x\n"
    source = make_tree(
        tmp_path,
        {
            "includes/applies.md": fragment,
            "psa/actuals.md": page("Actuals", "[!INCLUDE[applies](../includes/applies.md)]\n"),
        },
    )
    assert adopt(run_kbgen, site, source).exit_code == 0
    body = adopted(site, "psa/actuals.md")
    assert "Applies to Project Service 3.x\n" in body
    assert "ms.topic" not in body and "---" not in body


def test_include_sources_are_not_adopted_as_pages(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = make_tree(
        tmp_path,
        {
            "includes/linked.md": page("Linked", "Text also linked to.\n"),
            "includes/task-guide-banner.md": IMPORTANT,  # as in the corpus: nothing includes it
            "includes/titled.md": "---\ntitle: include file\nms.topic: include\n---\nIncluded by a page.\n",
            "psa/shared.md": page("A page of its own", "Included, and a page too.\n"),
            "psa/actuals.md": page(
                "Actuals",
                "[!INCLUDE[banner](../includes/psa-now-project-operations.md)]\n\n"
                "[!INCLUDE[linked](../includes/linked.md)] See [the text](../includes/linked.md).\n\n"
                "[!INCLUDE[titled](../includes/titled.md)]\n\n"
                "[!INCLUDE[shared](shared.md)]\n",
            ),
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 0, result.stdout
    pages = sorted(p.relative_to(site.content / "en").as_posix() for p in (site.content / "en").rglob("*.md"))
    assert pages == ["includes/linked.md", "psa/actuals.md", "psa/shared.md"]  # a link or a title needs them
    lines = summary_lines(result.stdout, source)
    assert (
        "includes: 4 [!INCLUDE] directives expanded, 0 left as written; 2 included files not adopted as pages "
        "(their text is in the pages that include them)" in lines
    )
    unused = lines.index(
        "not carried: 1 file in an includes/ folder that no page includes (snippets, which a DocFX site never "
        "shows as pages; to publish one as a page, move it out of includes/ in the source first):"
    )
    assert lines[unused + 1] == "  SRC/includes/task-guide-banner.md"
    assert "needed a default" not in result.stdout  # no "Task guide banner" page owned by nobody


def test_no_includes_topic_on_the_built_home(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = make_tree(
        tmp_path,
        {
            "includes/task-guide-banner.md": IMPORTANT,
            "includes/media/icon.png": b"\x89PNG\r\n\x1a\n",
            "includes/icon-note.md": "![Icon](media/icon.png) marks a task guide.\n",
            "psa/actuals.md": page("Actuals", "[!INCLUDE[icon](../includes/icon-note.md)]\n"),
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 0, result.stdout
    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    home = site.read_output("en/index.html")
    assert "Includes" not in home and "Task guide banner" not in home
    assert not (site.site_dir / "en" / "includes" / "task-guide-banner").exists()
    assert '<img alt="Icon" src="../../includes/media/icon.png"' in site.read_output("en/psa/actuals/index.html")


@pytest.mark.parametrize(
    ("directive", "problem"),
    [
        ("[!INCLUDE[gone](../includes/gone.md)]", "no such file (includes/gone.md)"),
        ("[!INCLUDE[up](../../secret.md)]", "it points outside the adopted folder"),
        ("[!INCLUDE[up](../../../../../etc/passwd)]", "it points outside the adopted folder"),
        ("[!INCLUDE[abs](/etc/passwd)]", "an absolute path; write it relative to this file"),
        ("[!INCLUDE[url](https://example.com/x.md)]", "a URL; adopt expands only files in the adopted folder"),
        (
            "[!INCLUDE[root](~/../shared-content/preview-banner.md)]",
            "'~/' is the DocFX project root, which adopt does not know; expand it by hand",
        ),
        ("[!INCLUDE[yml](../includes/toc.yml)]", "not a Markdown (.md) file"),
        ("[!INCLUDE[nothing]()]", "names no file"),
    ],
)
def test_a_directive_that_cannot_be_resolved_is_left_and_named_with_file_and_line(
    tmp_path: Path, site: Site, run_kbgen: Run, directive: str, problem: str
) -> None:
    source = make_tree(
        tmp_path,
        {"psa/actuals.md": page("Actuals", f"Intro.\n\n{directive}\n"), "includes/toc.yml": "- name: x\n"},
    )
    (tmp_path / "docs" / "secret.md").write_text("SECRET outside the tree\n", encoding="utf-8")
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 1
    assert adopted(site, "psa/actuals.md").endswith(f"Intro.\n\n{directive}\n")  # as written
    written = directive[directive.index("](") + 2 : -2]
    lines = summary_lines(result.stdout, source)
    assert "includes not expanded (1):" in lines
    assert f"  SRC/psa/actuals.md:10: include '{written}' not expanded: {problem}" in lines
    assert "includes: 0 [!INCLUDE] directives expanded, 1 left as written (listed above)" in lines


def test_a_symbolic_link_out_of_the_tree_is_not_followed(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("SECRET outside the tree\n", encoding="utf-8")
    source = make_tree(
        tmp_path,
        {
            "psa/actuals.md": page(
                "Actuals",
                "[!INCLUDE[file](../includes/secret.md)]\n\n[!INCLUDE[folder](../includes/shared/secret.md)]\n",
            )
        },
    )
    (source / "includes").mkdir()
    (source / "includes" / "secret.md").symlink_to(outside / "secret.md")
    (source / "includes" / "shared").symlink_to(outside, target_is_directory=True)
    result = adopt(run_kbgen, site, source)
    assert "SECRET" not in adopted(site, "psa/actuals.md")
    lines = summary_lines(result.stdout, source)
    link = "a symbolic link; adopt follows none (copy the file into the folder)"
    assert (
        f"  SRC/psa/actuals.md:8: include '../includes/secret.md' not expanded: includes/secret.md is {link}" in lines
    )
    assert (
        f"  SRC/psa/actuals.md:10: include '../includes/shared/secret.md' not expanded: includes/shared is {link}"
        in lines
    )


def test_a_cycle_is_cut_where_it_closes_and_named(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = make_tree(
        tmp_path,
        {
            "includes/a.md": "Text of a.\n\n[!INCLUDE[b](b.md)]\n",
            "includes/b.md": "Text of b.\n\n[!INCLUDE[a](a.md)]\n",
            "psa/actuals.md": page("Actuals", "[!INCLUDE[a](../includes/a.md)]\n\n[!INCLUDE[me](actuals.md)]\n"),
        },
    )
    result = adopt(run_kbgen, site, source)
    assert result.exit_code == 1
    body = adopted(site, "psa/actuals.md")
    assert "Text of a." in body and "Text of b." in body
    assert "[!INCLUDE[a](../includes/a.md)]" in body  # b's directive, left as written (and still pointing at a)
    assert "[!INCLUDE[me](actuals.md)]" in body
    lines = summary_lines(result.stdout, source)
    assert (
        "  SRC/includes/b.md:3: include 'a.md' not expanded: a cycle "
        "(includes/a.md → includes/b.md → includes/a.md)" in lines
    )
    assert (
        "  SRC/psa/actuals.md:10: include 'actuals.md' not expanded: a cycle (psa/actuals.md → psa/actuals.md)" in lines
    )
    # a stays a page, as the directive left as written in the page links to it (its own expansion counts too);
    # b's text is all in the page, which does not link to it
    assert (site.content / "en" / "includes" / "a.md").is_file()
    assert not (site.content / "en" / "includes" / "b.md").exists()
    assert "includes: 3 [!INCLUDE] directives expanded, 3 left as written (listed above); 1 included file not " in (
        result.stdout
    )
    assert "includes not expanded (2):" in lines


def test_too_deep_and_too_big_are_left_and_named(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    chain = {f"includes/level-{n}.md": f"Level {n}.\n\n[!INCLUDE[next](level-{n + 1}.md)]\n" for n in range(1, 10)}
    source = make_tree(
        tmp_path,
        {
            **chain,
            "includes/huge.md": "word " * 250_000,
            "psa/deep.md": page(
                "Deep", "[!INCLUDE[first](../includes/level-1.md)]\n\n[!INCLUDE[huge](../includes/huge.md)]\n"
            ),
        },
    )
    result = adopt(run_kbgen, site, source)
    body = adopted(site, "psa/deep.md")
    assert "Level 8." in body and "Level 9." not in body and "[!INCLUDE[next](../includes/level-9.md)]" in body
    lines = summary_lines(result.stdout, source)
    assert (
        "  SRC/includes/level-8.md:3: include 'level-9.md' not expanded: more than 8 includes inside one another"
        in lines
    )
    too_big = "includes/huge.md is 1.2 MiB; adopt includes files of up to 1 MiB"
    assert f"  SRC/psa/deep.md:10: include '../includes/huge.md' not expanded: {too_big}" in lines


def test_includes_that_fan_out_at_every_level_stop_at_the_page_budget(
    tmp_path: Path, site: Site, run_kbgen: Run
) -> None:
    """Directives that fan out at every level, eight files deep, each file empty but for them: the text never grew,
    so the growth limit never stopped it. Thirty a file took 30**8 expansions (still running after minutes); four a
    file, as here, take 4**8 without the page's budget."""
    fan = {f"includes/fan-{n}.md": "".join(f"[!INCLUDE[next](fan-{n + 1}.md)]\n\n" for _ in range(4)) for n in range(8)}
    page_text = page("Fan", "[!INCLUDE[fan](../includes/fan-0.md)]\n")
    source = make_tree(tmp_path, {**fan, "includes/fan-8.md": "", "psa/fan.md": page_text})
    result = adopt(run_kbgen, site, source)
    lines = summary_lines(result.stdout, source)
    budget = "the page's includes, at every depth, number over 2,048 or take in over 8 MiB of text; expand some by hand"
    assert any(line.endswith(f"not expanded: {budget}") for line in lines), lines[-5:]
    expanded = next(int(m[1]) for line in lines if (m := re.search(r"^includes: (\d+) .*directives expanded", line)))
    assert expanded < 2 * 2048 * 9  # each of the 9 files expanded as a page, at most, twice
    assert "[!INCLUDE[next](" in adopted(site, "psa/fan.md")  # what was not expanded stays as written


def test_a_multi_block_file_cannot_go_inside_a_sentence(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    directive = "[!INCLUDE [preview](../includes/preview-note.md)]"
    source = make_tree(tmp_path, {"psa/actuals.md": page("Actuals", f"This feature is {directive} for now.\n")})
    result = adopt(run_kbgen, site, source)
    assert adopted(site, "psa/actuals.md").endswith(f"This feature is {directive} for now.\n")
    assert (
        "  SRC/psa/actuals.md:8: include '../includes/preview-note.md' not expanded: its text is more than one "
        "paragraph (a note, a list, a heading...), which cannot go inside a line; put the directive on a line of "
        "its own" in summary_lines(result.stdout, source)
    )


def test_directives_in_code_are_examples_not_includes(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    directive = "[!INCLUDE[x](../includes/pn-microsoft-project.md)]"
    body = f"Write `{directive}`:\n\n```md\n{directive}\n```\n"
    source = make_tree(tmp_path, {"psa/syntax.md": page("Syntax", body)})
    result = adopt(run_kbgen, site, source)
    assert adopted(site, "psa/syntax.md") == "\n" + body
    assert "includes:" not in result.stdout


def test_line_endings_are_kept_and_the_source_is_not_touched(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    text = page("Actuals", "[!INCLUDE[banner](../includes/psa-now-project-operations.md)]\n\nText.\n")
    source = make_tree(tmp_path, {"psa/actuals.md": text.replace("\n", "\r\n").encode("utf-8")})
    before = tree_hashes(source)
    adopt(run_kbgen, site, source)
    written = (site.content / "en" / "psa" / "actuals.md").read_bytes()
    assert b"\r\n> [!IMPORTANT]\r\n" in written and b"\n" not in written.replace(b"\r\n", b"")
    assert tree_hashes(source) == before


def test_adopting_twice_writes_the_same_bytes(tmp_path: Path, run_kbgen: Run) -> None:
    source = make_tree(
        tmp_path,
        {
            "includes/a.md": "A [link](../psa/x.md).\n\n[!INCLUDE[gone](gone.md)]\n",
            "psa/x.md": page("X", "[!INCLUDE[a](../includes/a.md)]\n\n[!INCLUDE[b](../includes/preview-note.md)]\n"),
            "y.md": page("Y", "[!INCLUDE[a](includes/a.md)]\n"),
        },
    )
    first, second = Site(tmp_path / "one"), Site(tmp_path / "two")
    outputs = [adopt(run_kbgen, site, source).stdout for site in (first, second)]
    assert outputs[0] == outputs[1]
    assert tree_hashes(first.content) == tree_hashes(second.content)
