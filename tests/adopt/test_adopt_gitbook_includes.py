"""`kbgen adopt` expands GitBook's reusable content: `{% include "../.gitbook/includes/x.md" %}` becomes the text of
`.gitbook/includes/x.md` where the tag stood, as DocFX's `[!INCLUDE]` does, and the included files are not pages.

The book is tests/adopt/fixtures/gitbook-fluentd/ (fluent/fluentd-docs-gitbook, Apache-2.0; see the fixtures'
README). The reusable file's text is its `quickstart/support.md`; the layout is GitBook's as its Git Sync writes it
(a `title:` in each reusable file, its paths written from its own folder, the tag alone on its line, inside
`<details>` too), seen in
LawnchairLauncher/docs (`help/troubleshooting/crashes.md` including `help/.gitbook/includes/restart-lawnchair.md`)
mariadb-corporation/mariadb-docs (`release-notes/.gitbook/includes/latest-12-1.md`, a hint linking `../../`) and
tokens-studio/tokens-studio-for-figma-plugin-docs (`.gitbook/includes/spacer-image-fullwidth.md`, a figure of
`../assets/`); those repositories give the shape only, no text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.adopt.conftest import TODAY, Run, body_of
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "gitbook-fluentd"
CHANNELS = (
    "---\ntitle: Support channels\n---\n\n"
    '{% hint style="info" %}\n'
    "Got a question? See [Support](../../quickstart/support.md) or join [Slack](https://slack.fluentd.org/).\n"
    "{% endhint %}\n\n"
    '<figure><img src="../assets/tail.png" alt="tail"><figcaption><p>in_tail</p></figcaption></figure>\n'
)
TAIL_TAG = '{% include "../.gitbook/includes/support-channels.md" %}'


def _book(tmp_path: Path) -> Path:
    source = tmp_path / "fluentd-docs"
    shutil.copytree(FIXTURE, source)
    includes = source / ".gitbook" / "includes"
    includes.mkdir()
    (includes / "support-channels.md").write_text(CHANNELS, encoding="utf-8")
    (includes / "loop-a.md").write_text('---\ntitle: A\n---\n\n{% include "loop-b.md" %}\n', encoding="utf-8")
    (includes / "loop-b.md").write_text('---\ntitle: B\n---\n\n{% include "loop-a.md" %}\n', encoding="utf-8")
    (includes / "unused.md").write_text("---\ntitle: Unused\n---\n\nNobody includes this.\n", encoding="utf-8")
    tail = source / "input" / "tail.md"
    tail.write_text(tail.read_text(encoding="utf-8") + f"\n<details>\n\n<summary>Help</summary>\n\n{TAIL_TAG}\n\n"
                    "</details>\n", encoding="utf-8")  # fmt: skip
    guide = source / "troubleshooting-guide.md"
    guide.write_text(
        guide.read_text(encoding="utf-8")
        + '\n{% include ".gitbook/includes/gone.md" %}\n\n{% include ".gitbook/includes/loop-a.md" %}\n'
        + '\n{% include "https://app.gitbook.com/s/abc/~/reusable/xyz/" %}\n',
        encoding="utf-8",
    )
    return source


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_gitbook_reusable_content_is_expanded_in_place(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = _book(tmp_path)
    result = run_kbgen("adopt", str(source), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=site.root)
    lines = summary_lines(result.stdout, source)
    content = site.content / "en"
    tail = body_of((content / "input" / "tail.md").read_bytes()).decode("utf-8")
    assert "{% include" not in tail
    assert "!!! info\n    Got a question? See [Support](../quickstart/support.md)" in tail  # hint converted, link kept
    assert '![tail](<../assets/tail.png> "in_tail")' in tail  # its figure, pointed at the adopted image
    assert tail.index("<summary>Help</summary>") < tail.index("Got a question?") < tail.index("</details>")
    # the reusable files are not pages, and are not reported as hidden files left out
    assert not list(content.rglob("support-channels.md")) and not list(content.rglob("unused.md"))
    assert not any("hidden" in line for line in lines), lines
    unused = "not carried: 1 file of GitBook's reusable content (.gitbook/includes/) that no page includes"
    assert lines[lines.index(next(line for line in lines if line.startswith(unused))) + 1] == (
        "  SRC/.gitbook/includes/unused.md"
    )
    assert "includes: 3 include directives expanded, 3 left as written (listed above)" in " ".join(lines)

    guide = source / "troubleshooting-guide.md"
    gone = _line_of(guide, '{% include ".gitbook/includes/gone.md" %}')
    assert (
        f"  SRC/troubleshooting-guide.md:{gone}: include '.gitbook/includes/gone.md' not expanded: "
        "no such file (.gitbook/includes/gone.md)"
    ) in lines
    assert (
        "  SRC/.gitbook/includes/loop-b.md:5: include 'loop-a.md' not expanded: a cycle "
        "(.gitbook/includes/loop-a.md → .gitbook/includes/loop-b.md → .gitbook/includes/loop-a.md)"
    ) in lines
    url = _line_of(guide, '{% include "https://app.gitbook.com/s/abc/~/reusable/xyz/" %}')
    assert any(line.startswith(f"  SRC/troubleshooting-guide.md:{url}: include 'https://") for line in lines), lines
    adopted_guide = (content / "troubleshooting-guide.md").read_text(encoding="utf-8")
    assert '{% include ".gitbook/includes/gone.md" %}' in adopted_guide  # left as written: nothing lost

    check = run_kbgen("check", "--today", TODAY, cwd=site.root)
    assert "tail.md" not in check.stdout, check.stdout  # its included link and image resolve
