"""`kbgen adopt` on Hugo's figure, details and include shortcodes: a figure becomes a Markdown image, details a
collapsible note (`??? note`), and an include the text of the page it names, as other includes are expanded.

Pages trimmed from gohugoio/hugoDocs (Apache License 2.0): content/en/shortcodes/figure.md and details.md at commit
1de84a4b2b713643d2275e05b5013f3730f8cd6a, content/en/methods/resource/Process.md at commit
7e8ba5eef1edb6b4f19ba7d031e5543e50d1ba94 and content/en/_common/methods/resource/processing-spec.md at commit
54f3a7651e2a490782b778991c1528c2da8b0ac1 (its first two definitions kept). The tree is written in tmp_path.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, body_of
from tests.adopt.test_adopt_includes import summary_lines

FIGURE = """\
---
title: Figure shortcode
linkTitle: Figure
---

Which looks like this in your browser:

{{< figure
  src="/images/examples/zion-national-park.jpg"
  alt="A photograph of Zion National Park"
  link="https://www.nps.gov/zion/index.htm"
  caption="Zion National Park"
  class="ma0 w-75"
>}}

## Arguments
"""
DETAILS = """\
---
title: Details shortcode
linkTitle: Details
---

Which looks like this in your browser:

{{< details summary="See the details" >}}
This is a **bold** word.
{{< /details >}}

## Arguments
"""
PROCESS = """\
---
title: Process
description: Applicable to images, returns an image resource processed with the given specification.
---

{{% include "/_common/methods/resource/global-page-remote-resources.md" %}}

Process an image with the given specification.

{{% include "/_common/methods/resource/processing-spec.md" %}}

## Example
"""
SPEC = """\
---
_comment: Do not remove front matter.
---

## Processing specification

The processing specification is a space-delimited, case-insensitive list containing one or more of the following \
options in any sequence:

action
: Specify one of `crop`, `fill`, `fit`, or `resize`. This is applicable to the [`Process`](../../../methods/\
resource/Process.md) method.

{{% note %}}
If you specify an action, you must also provide dimensions.
{{% /note %}}
"""


def _project(tmp_path: Path, run_kbgen: Run) -> tuple[Path, Path, list[str]]:
    assert run_kbgen("init", "help", "--owner", "docs", "--today", TODAY, cwd=tmp_path).exit_code == 0
    project = tmp_path / "help"
    source = tmp_path / "hugoDocs" / "content" / "en"
    for rel, text in {
        "shortcodes/figure.md": FIGURE,
        "shortcodes/details.md": DETAILS,
        "methods/resource/Process.md": PROCESS,
        "_common/methods/resource/processing-spec.md": SPEC,
    }.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, encoding="utf-8")
    result = run_kbgen("adopt", str(source), "--lang", "en", "--today", TODAY, "--owner", "docs", cwd=project)
    return project, source, summary_lines(result.stdout, source)


def _body(path: Path) -> list[str]:
    return body_of(path.read_bytes()).decode("utf-8").splitlines()


def test_figure_and_details_become_an_image_and_a_collapsible_note(tmp_path: Path, run_kbgen: Run) -> None:
    project, source, lines = _project(tmp_path, run_kbgen)
    content = project / "content" / "en" / "shortcodes"
    figure, before = _body(content / "figure.md"), _body(source / "shortcodes" / "figure.md")
    at = before.index("{{< figure")
    assert figure[at] == (
        '[![A photograph of Zion National Park](</images/examples/zion-national-park.jpg> "Zion National Park")]'
        "(<https://www.nps.gov/zion/index.htm>)"
    )
    assert figure.index("## Arguments") == before.index("## Arguments")  # later lines keep their numbers
    details = _body(content / "details.md")
    assert details[details.index('??? note "See the details"') + 1] == "    This is a **bold** word."
    assert not any("figure" in line or "details" in line for line in lines if "left as written" in line), lines
    assert any(", 1 figure made images, 1 details block made collapsible notes" in line for line in lines), lines

    site_dir = project / "site"
    build_site(project / "mkdocs.yml", site_dir, date.fromisoformat(TODAY), strict=False)
    page = (site_dir / "en" / "shortcodes" / "details" / "index.html").read_text(encoding="utf-8")
    assert '<details class="note">' in page and "<summary>See the details</summary>" in page
    assert "<strong>bold</strong>" in page[page.index("<details") :]


def test_a_hugo_include_is_expanded_and_the_included_page_not_adopted(tmp_path: Path, run_kbgen: Run) -> None:
    project, _, lines = _project(tmp_path, run_kbgen)
    content = project / "content" / "en"
    process = (content / "methods" / "resource" / "Process.md").read_text(encoding="utf-8")
    assert '{{% include "/_common/methods/resource/processing-spec.md" %}}' not in process
    assert "## Processing specification" in process
    assert "[`Process`](Process.md) method" in process  # the included link, written from the page
    assert "!!! note\n    If you specify an action" in process  # the included file's own shortcodes converted
    assert not (content / "_common" / "methods" / "resource" / "processing-spec.md").exists()
    missing = PROCESS.splitlines().index('{{% include "/_common/methods/resource/global-page-remote-resources.md" %}}')
    assert (
        f"  SRC/methods/resource/Process.md:{missing + 1}: include "
        "'/_common/methods/resource/global-page-remote-resources.md' not expanded: names no page of the adopted "
        "tree (looked for from this file's folder, then from the tree's top)"
    ) in lines
    assert '{{% include "/_common/methods/resource/global-page-remote-resources.md" %}}' in process  # kept
