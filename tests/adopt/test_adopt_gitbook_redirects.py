"""`kbgen adopt` on a GitBook tree's figures written over several lines and `.gitbook.yaml`'s `redirects:`.

The tree is tests/adopt/fixtures/gitbook-zenml/ (trimmed from zenml-io/zenml's `docs/book/`, Apache-2.0; see the
fixtures' README).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from kbgen.adopt.gitbook_figures import convert_figures
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, body_of, front_matter
from tests.adopt.test_adopt_includes import summary_lines

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "gitbook-zenml"


def _adopt(tmp_path: Path, run_kbgen: Run, config: str = "") -> tuple[Path, Path, list[str]]:
    assert run_kbgen("init", "help", "--owner", "docs", "--today", TODAY, cwd=tmp_path).exit_code == 0
    project = tmp_path / "help"
    (project / "content" / "en" / "index.md").unlink()  # the book's README is the home
    source = tmp_path / "zenml-docs"
    shutil.copytree(FIXTURE, source)
    if config:
        (source / ".gitbook.yaml").write_text(config, encoding="utf-8")
    result = run_kbgen("adopt", str(source), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=project)
    return project, source, summary_lines(result.stdout, source)


def _line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def test_a_figure_over_several_lines_is_an_image_and_every_later_line_stays(tmp_path: Path, run_kbgen: Run) -> None:
    project, source, _ = _adopt(tmp_path, run_kbgen)
    written = (project / "content" / "en" / "getting-started" / "your-first-ai-pipeline.md").read_bytes()
    body = body_of(written).decode("utf-8").splitlines()
    original = body_of((source / "getting-started" / "your-first-ai-pipeline.md").read_bytes())
    before = original.decode("utf-8").splitlines()
    assert len(body) == len(before)
    first = before.index("<figure>")
    assert body[first] == (
        "![FastAPI document analysis UI](<../assets/your-first-ai-pipeline-app.png> "
        '"The web UI served by uvicorn at http://localhost:8010.")'
    )
    assert body[first + 1 : first + 4] == ["", "", ""]
    heading = "### Inspect your pipeline runs"
    assert body.index(heading) == before.index(heading)  # every line below the figure stays where it was
    assert body.count("<figure>") == 0 and "</figcaption>" not in "\n".join(body)

    site_dir = project / "site"
    build_site(project / "mkdocs.yml", site_dir, date.fromisoformat(TODAY), strict=False)
    page = (site_dir / "en" / "getting-started" / "your-first-ai-pipeline" / "index.html").read_text(encoding="utf-8")
    assert page.count('src="../../assets/your-first-ai-pipeline-') == 2  # both images load from the page's address


def test_figures_in_code_or_with_more_inside_are_left_as_written() -> None:
    fenced = '```html\n<figure>\n  <img src="a.png" alt="A">\n</figure>\n```\n'
    assert convert_figures(fenced).text == fenced
    with_text = '<figure>\n  <img src="a.png" alt="A">\n  <p>More</p>\n</figure>\n'
    assert convert_figures(with_text).converted == 0
    never_closed = '<figure>\n  <img src="a.png" alt="A">\n\nText.\n</figure>\n'
    assert convert_figures(never_closed).text == never_closed


def test_gitbook_redirects_become_redirect_from_on_the_page_they_lead_to(tmp_path: Path, run_kbgen: Run) -> None:
    project, source, lines = _adopt(tmp_path, run_kbgen)
    content = project / "content" / "en"
    fields = front_matter((content / "getting-started" / "system-architectures.md").read_bytes())
    assert fields["redirect_from"] == ["en/getting-started/zenml-pro/system-architectures"]
    config = source / ".gitbook.yaml"
    missing = _line_of(config, "  reference/migration-guide:")
    section = _line_of(config, "  getting-started/zenml-pro/zenml-cloud:")
    assert (
        f"  SRC/.gitbook.yaml:{missing}: redirect 'reference/migration-guide' not carried: it leads to "
        "how-to/manage-the-zenml-server/migration-guide/migration-guide.md, which is not a page of the adopted tree"
    ) in lines
    assert (
        f"  SRC/.gitbook.yaml:{section}: redirect 'getting-started/zenml-pro/zenml-cloud' not carried: it leads to a "
        "section page (getting-started/README.md), and kbgen redirects only to articles"
    ) in lines
    assert any(line.startswith("GitBook redirects (.gitbook.yaml): 1 written as redirect_from") for line in lines)

    check = run_kbgen("check", "--today", TODAY, cwd=project)
    assert check.exit_code == 0 and " 0 errors" in check.stdout, check.stdout
    site_dir = project / "site"
    build_site(project / "mkdocs.yml", site_dir, date.fromisoformat(TODAY), strict=False)
    old = site_dir / "en" / "getting-started" / "zenml-pro" / "system-architectures" / "index.html"
    assert "../../system-architectures/" in old.read_text(encoding="utf-8")  # the old address leads to the page


def test_a_redirects_entry_that_is_not_one_is_named_with_its_line(tmp_path: Path, run_kbgen: Run) -> None:
    config = (
        "root: .\nstructure:\n  readme: README.md\n  summary: toc.md\nredirects:\n  old/page: [a, b]\n"
        "  away: ../../outside.md\n  getting-started/your-first-ai-pipeline: getting-started/system-architectures.md\n"
    )
    project, _, lines = _adopt(tmp_path, run_kbgen, config)
    assert "redirect_from" not in front_matter(
        (project / "content" / "en" / "getting-started" / "system-architectures.md").read_bytes()
    )
    assert "  SRC/.gitbook.yaml:6: a redirect that is not 'old/address: new/file.md'; not carried" in lines
    assert (
        "  SRC/.gitbook.yaml:7: redirect 'away' leads to '../../outside.md', out of the adopted folder; not carried"
    ) in lines
    assert (
        "  SRC/.gitbook.yaml:8: redirect 'getting-started/your-first-ai-pipeline' not carried: it is the address of "
        "getting-started/your-first-ai-pipeline.md, an adopted page"
    ) in lines
