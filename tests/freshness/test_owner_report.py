"""`kbgen report`: every article with owner, dates and status, grouped by owner, most urgent first."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser

from click.testing import Result

from tests.support.project import REPO, Site, article

TODAY = "2026-11-22"


def project(site: Site) -> Site:
    site.write("en/a/overdue.md", article(owner="li.wei", reviewed="2026-01-02", title="Overdue"))
    site.write("en/a/more-overdue.md", article(owner="li.wei", reviewed="2025-11-02", title="More overdue"))
    site.write("en/a/soon.md", article(owner="li.wei", reviewed="2026-06-01", title="Soon"))
    site.write("en/a/fine.md", article(owner="ana", reviewed="2026-11-01", title="Fine, with a comma"))
    site.write("tr/b/old.md", article(owner="ana", reviewed="2026-11-01", versions='["3.0"]', title="Eski"))
    site.write("en/b/glossary.md", article(owner="ana", reviewed="2019-01-01", extra="evergreen: true"))
    site.write("en/b/wip.md", article(owner="zed", reviewed="2019-01-01", extra="status: draft"))
    site.write("en/b/gone.md", article(owner="zed", reviewed="2019-01-01", extra="status: archived"))
    return site


def report(run_kbgen: Callable[..., Result], site: Site, *args: str) -> Result:
    result = run_kbgen("report", "--today", TODAY, *args, cwd=site.root)
    assert result.exit_code == 0, result.output
    return result


def test_json_groups_by_owner_most_urgent_first_with_totals(run_kbgen: Callable[..., Result], site: Site) -> None:
    document = json.loads(report(run_kbgen, project(site), "--format", "json").stdout)
    assert document["today"] == TODAY
    owners = [group["owner"] for group in document["owners"]]
    assert owners == ["li.wei", "ana", "zed"]  # li.wei has the most overdue article
    li = document["owners"][0]
    assert [a["path"].rsplit("/", 1)[1] for a in li["articles"]] == ["more-overdue.md", "overdue.md", "soon.md"]
    first = li["articles"][0]
    assert (first["status"], first["reviewed"], first["due"], first["days_left"]) == (
        "stale", "2025-11-02", "2026-05-01", -205,
    )  # fmt: skip
    ana = {a["title"]: a["status"] for a in document["owners"][1]["articles"]}
    assert ana == {"Eski": "unsupported", "Fine, with a comma": "fresh", "Reset your password": "evergreen"}
    zed = document["owners"][2]["articles"]
    assert {a["status"] for a in zed} == {"draft", "archived"} and all(a["due"] is None for a in zed)
    assert document["totals"] == {
        "stale": 2, "unsupported": 1, "release-review": 0, "due-soon": 1, "fresh": 1, "evergreen": 1, "draft": 1,
        "archived": 1,
    }  # fmt: skip
    assert li["totals"]["stale"] == 2


def test_csv_parses_with_one_row_per_article(run_kbgen: Callable[..., Result], site: Site) -> None:
    text = report(run_kbgen, project(site), "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 8
    assert list(rows[0]) == ["owner", "status", "path", "title", "lang", "category", "audience", "reviewed", "due",
                             "days_left", "reviewed_by"]  # fmt: skip
    fine = next(r for r in rows if r["path"].endswith("fine.md"))
    assert fine["title"] == "Fine, with a comma" and fine["days_left"] == "159" and fine["owner"] == "ana"
    assert next(r for r in rows if r["status"] == "evergreen")["due"] == ""


def test_owner_filter_and_unknown_owner(run_kbgen: Callable[..., Result], site: Site) -> None:
    text = report(run_kbgen, project(site), "--owner", "ana").stdout
    assert text.splitlines()[2].startswith("ana (3 articles: 1 unsupported, 1 fresh, 1 evergreen)")
    assert "li.wei" not in text
    result = run_kbgen("report", "--today", TODAY, "--owner", "nobody", cwd=site.root)
    assert result.exit_code == 2 and "no articles owned by 'nobody'" in result.stderr and "li.wei" in result.stderr


def test_table_shows_days_overdue_and_totals(run_kbgen: Callable[..., Result], site: Site) -> None:
    text = report(run_kbgen, project(site)).stdout
    assert re.search(r"stale\s+2026-05-01\s+205 days overdue\s+2025-11-02\s+content/en/a/more-overdue\.md", text)
    assert re.search(r"due-soon\s+2026-11-28\s+in 6 days", text)
    assert text.rstrip().endswith("Total: 8 articles: 2 stale, 1 unsupported, 1 due-soon, 1 fresh, 1 evergreen, "
                                  "1 draft, 1 archived")  # fmt: skip


def test_markdown_has_a_table_per_owner(run_kbgen: Callable[..., Result], site: Site) -> None:
    text = report(run_kbgen, project(site), "--format", "markdown").stdout
    assert [line for line in text.splitlines() if line.startswith("## ")] == ["## li.wei", "## ana", "## zed"]
    row = "| stale | 2026-05-01 | 205 days overdue | 2025-11-02 | More overdue (`content/en/a/more-overdue.md`) |"
    assert row in text


def test_markdown_cells_escape_titles_like_the_check_report(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("en/a/pipes.md", article(owner="li.wei", reviewed="2026-11-01", title='"A | b <b>c</b>\\nd"'))
    text = report(run_kbgen, site, "--format", "markdown").stdout
    row = "| fresh | 2027-04-30 | in 159 days | 2026-11-01 | A \\| b &lt;b&gt;c&lt;/b&gt; d (`content/en/a/pipes.md`) |"
    assert row in text.splitlines()


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained_with_svg_charts_and_no_scripts(run_kbgen: Callable[..., Result], site: Site) -> None:
    result = report(run_kbgen, project(site), "--format", "html", "--output", "report.html")
    assert "wrote report.html: 8 articles" in result.stderr
    html = (site.root / "report.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(html)
    names = [tag for tag, _ in parser.tags]
    assert "script" not in names and "link" not in names and "img" not in names and "iframe" not in names
    assert not [a for _, attrs in parser.tags for a in attrs if a.startswith("on")]
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html) and "url(" not in html
    svgs = [attrs for tag, attrs in parser.tags if tag == "svg"]
    assert len(svgs) == 3 and all(a.get("role") == "img" for a in svgs)
    for title in ("Article status by category", "Article status by owner", "Article status by language"):
        assert title in html
    assert "<title>li.wei: 2 stale</title>" in html and "<title>tr: 1 unsupported</title>" in html


def test_html_escapes_titles_and_owners(run_kbgen: Callable[..., Result], site: Site) -> None:
    site.write("en/a/x.md", article(owner="<b>o</b>", title="'\"><script>alert(1)</script>'"))
    html = report(run_kbgen, site, "--format", "html").stdout
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>o</b>" not in html


def test_sample_report_totals(run_kbgen: Callable[..., Result]) -> None:
    result = run_kbgen("report", "--today", TODAY, "--format", "json", cwd=REPO)
    totals = json.loads(result.stdout)["totals"]
    assert {k: v for k, v in totals.items() if k != "fresh"} == {
        "stale": 3, "unsupported": 1, "release-review": 0, "due-soon": 2, "evergreen": 1, "draft": 1, "archived": 0,
    }  # fmt: skip
