"""A project made by `kbgen init` shows the syntax docs written for mkdocs-material use, as that theme's sites show
it: icon shortcodes, collapsible notes, abbreviations, task lists, keys and struck-out text. The article follows
squidfunk/mkdocs-material's own docs (docs/setup/changing-the-fonts.md and its card grids; MIT licence).

An emoji shortcode shows as its character: material's own generator would load it as an image from a CDN, a
request to a third party from every reader's browser."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Run = Callable[..., Result]
TODAY = "2026-11-26"

ARTICLE = """\
---
title: Change the fonts
owner: docs-team
reviewed: 2026-11-01
product_version: all
---

[:octicons-file-code-24: Source](https://example.com/src) · :octicons-milestone-24: Default: `Roboto` :smile:

<div class="grid cards" markdown>

-   :material-clock-fast:{ .lg .middle } __Set up in 5 minutes__

    Install with `pip` and get up and running.

</div>

??? question "Can fonts load from my own server?"

    Yes: turn off font loading in `mkdocs.yml`.

*[GDPR]: General Data Protection Regulation

The GDPR applies to fonts fetched from another site.

- [x] Turn off font loading
- [ ] Add a stylesheet

Press ++ctrl+s++ to save. ~~Google Fonts only~~ Any font.
"""


def test_material_syntax_shows_as_on_a_material_site_without_third_party_requests(
    tmp_path: Path, run_kbgen: Run
) -> None:
    project = tmp_path / "help"
    assert run_kbgen("init", str(project), "--lang", "en", "--today", TODAY).exit_code == 0
    (project / "content/en/getting-started/fonts.md").write_text(ARTICLE, encoding="utf-8")
    built = run_kbgen("build", "--today", TODAY, cwd=project)
    assert built.exit_code == 0, built.output
    page = (project / "site/en/getting-started/fonts/index.html").read_text(encoding="utf-8")
    body = page[page.index("<article") : page.index("</article>")]
    shown = re.sub(r"<[^>]+>", "", body)
    for typed in (":octicons-", ":material-", ":smile:", "???", "*[GDPR]", "[x]", "[ ]", "++ctrl", "~~", "{ ."):
        assert typed not in shown, typed
    assert len(re.findall(r'<span class="twemoji[^"]*"><svg', body)) == 3  # the icons, drawn inline
    assert "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}" in shown
    assert not re.search(r"<img[^>]*twemoji|cdn\.jsdelivr", page)
    assert re.search(r'<details class="question">\s*<summary>Can fonts load from my own server\?</summary>', body)
    assert '<abbr title="General Data Protection Regulation">GDPR</abbr>' in body
    assert body.count('type="checkbox"') == 2 and "checked" in body
    assert '<kbd class="key-control">Ctrl</kbd>' in body and "<del>Google Fonts only</del>" in body
    assert '<div class="grid cards">' in body


def test_a_project_made_before_these_extensions_is_told_which_to_add(tmp_path: Path, run_kbgen: Run) -> None:
    project = tmp_path / "help"
    assert run_kbgen("init", str(project), "--lang", "en", "--today", TODAY).exit_code == 0
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = re.sub(r"  - pymdownx\.details[^\n]*\n|  - pymdownx\.emoji:[^\n]*\n(?:      [^\n]*\n)*", "", text)
    config.write_text(old, encoding="utf-8")
    (project / "content/en/getting-started/fonts.md").write_text(ARTICLE, encoding="utf-8")
    built = run_kbgen("build", "--today", TODAY, cwd=project)
    assert built.exit_code == 0, built.output
    fonts = "content/en/getting-started/fonts.md writes"
    assert f"{fonts} collapsible notes ('??? note')" in built.stderr and "'- pymdownx.details'" in built.stderr
    assert f"{fonts} icon shortcodes such as ':material-...:'" in built.stderr
    assert "kbgen.render.emoji.to_inline" in built.stderr
