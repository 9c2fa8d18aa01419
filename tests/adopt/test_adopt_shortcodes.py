"""`kbgen adopt` on Hugo shortcodes and on links by a page's address: `ref`/`relref` made relative paths,
callouts made admonitions, code shortcodes made fences, anything else listed; Docusaurus ids and slugs and Hugo
aliases mapped to the adopted files, aliases made `redirect_from` entries.

Pages trimmed from influxdata/docs-v2 (MIT License), content/enterprise_influxdb/v1/tools/influxd-ctl/token.md,
from gohugoio/hugoDocs (Apache License 2.0), content/en/about/introduction.md and
content/en/getting-started/directory-structure.md, and from facebook/docusaurus (MIT License, Copyright (c)
Facebook, Inc. and its affiliates), website/docs/i18n/i18n-git.mdx and i18n-introduction.mdx; refs added where the
pages link by site path. The trees are written in tmp_path by each test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath

from kbgen.adopt.hugo_shortcodes import convert_shortcodes, ref_resolver
from kbgen.adopt.section_pages import destination
from kbgen.publishing.site_build import build_site
from tests.adopt.conftest import TODAY, Run, adopt, body_of, front_matter, suggested_foreign_keys
from tests.adopt.test_adopt_includes import summary_lines
from tests.support.project import Site

TOKEN = """\
---
title: influxd-ctl token
weight: 201
---

The `influxd-ctl token` command generates a signed JSON Web Token.

{{% note %}}
#### Requires global flags

`influxd-ctl token` requires the `-auth-type` and `-secret`
[global flags]({{< relref "influxd-ctl.md#global-flags" >}}).

- Set `-auth-type` to `jwt`
{{% /note %}}

{{% caption %}}
_Also see the global flags._
{{% /caption %}}

```md
{{</* note */>}}
```
"""

CTL = """\
---
title: influxd-ctl
---

## Global flags

- `-auth-type`
"""

INTRODUCTION = """\
---
title: Introduction
weight: 10
aliases: [/about/what-is-hugo/,/about/benefits/]
---

Hugo is a static site generator written in Go, optimized for speed and designed for flexibility.

{{< warning title="Security" >}}
Read the [security model]({{< ref "/about/security" >}}) first.
{{< /warning >}}
"""

SECURITY = """\
---
title: Security model
weight: 30
aliases: [/about/security-model/, 'old-security', /about/introduction/]
---

Hugo's [benefits](/about/benefits/) and the [model](/about/security-model/).

{{< code-toggle file=hugo >}}
[security.exec]
allow = ['^go$']
{{< /code-toggle >}}
"""

GIT = """\
---
id: git
slug: /i18n/git
---

# i18n - Using git

Read the [introduction](../i18n/introduction) and the [tutorial](./i18n-tutorial), or [start](/i18n/introduction#x).
"""

I18N = """\
---
id: introduction
slug: /i18n/introduction
---

# i18n - Introduction

See [Git strategy](./git).
"""


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    source = tmp_path / "docs" / "content" / "en"
    for rel, text in files.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, encoding="utf-8")
    return source


def test_refs_callouts_and_code_shortcodes_become_markdown() -> None:
    files = {PurePosixPath("tools/token.md"), PurePosixPath("tools/influxd-ctl.md"), PurePosixPath("about/_index.md")}
    resolve = ref_resolver(files, lambda rel: destination(rel, files))
    body = TOKEN.split("---\n", 2)[2]
    converted = convert_shortcodes(body, PurePosixPath("tools/token.md"), resolve, 5)
    text = converted.text
    assert (converted.refs, converted.callouts, converted.code) == (1, 1, 0)
    assert "!!! note\n    #### Requires global flags\n" in text
    assert "    [global flags](influxd-ctl.md#global-flags).\n\n    - Set `-auth-type` to `jwt`\n\n" in text
    assert len(text.split("\n")) == len(body.split("\n"))  # every line where it was
    assert [(left.line, left.message) for left in converted.left] == [
        (17, "Hugo shortcode '{{% caption %}}' left as written: kbgen cannot run it")
    ]
    assert "```md\n{{< note >}}\n```" in text  # an escaped shortcode in code, as Hugo shows it
    assert resolve("about", PurePosixPath("tools/token.md")) == "../about/index.md"


def test_hugo_tree_adopted_with_its_refs_callouts_and_aliases(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = _tree(
        tmp_path,
        {
            "about/introduction.md": INTRODUCTION,
            "about/security.md": SECURITY,
            "tools/token.md": TOKEN,
            "tools/influxd-ctl.md": CTL,
        },
    )
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    lines = summary_lines(result.stdout, source)
    assert "Hugo shortcodes left as written (1):" in lines
    assert "  SRC/tools/token.md:17: Hugo shortcode '{{% caption %}}' left as written: kbgen cannot run it" in lines
    assert (
        "  SRC/about/security.md:4: alias '/about/introduction/' not made a redirect: it is the address of an "
        "adopted page" in lines
    )
    assert (
        "Hugo shortcodes: 2 ref/relrefs made relative paths, 2 callouts made admonitions, "
        "1 highlight/code-toggle made code fences" in lines
    )
    introduction = (site.content / "en" / "about" / "introduction.md").read_bytes()
    assert front_matter(introduction)["redirect_from"] == ["en/about/what-is-hugo/", "en/about/benefits/"]
    assert b'!!! warning "Security"\n    Read the [security model](security.md) first.' in body_of(introduction)
    security = (site.content / "en" / "about" / "security.md").read_bytes()
    assert front_matter(security)["redirect_from"] == ["en/about/security-model/", "en/about/old-security"]
    # site-root links to an alias are the page's; the page's own path needs --published-at
    assert b"Hugo's [benefits](introduction.md) and the [model](security.md)." in body_of(security)
    assert b"```toml\n[security.exec]\nallow = ['^go$']\n```" in body_of(security)

    site.configure(foreign_keys=suggested_foreign_keys(result.stdout))
    build_site(site.config_file, site.site_dir, date.fromisoformat(TODAY), strict=False)
    moved = site.read_output("en/about/what-is-hugo/index.html")
    assert 'http-equiv="refresh" content="0; url=../introduction/"' in moved
    token = site.read_output("en/tools/token/index.html")
    assert 'class="admonition note"' in token and 'href="../influxd-ctl/#global-flags"' in token
    assert "{{% note %}}" not in token and "Also see the global flags" in token


def test_links_by_id_and_slug_lead_to_the_adopted_files(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    source = _tree(tmp_path, {"i18n/i18n-git.mdx": GIT, "i18n/i18n-introduction.md": I18N})
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    git = body_of((site.content / "en" / "i18n" / "i18n-git.md").read_bytes())
    assert b"Read the [introduction](i18n-introduction.md)" in git  # by id, relative
    assert b"or [start](i18n-introduction.md#x)" in git  # by slug, from the site's root
    assert b"[tutorial](./i18n-tutorial)" in git  # names nothing: listed
    lines = summary_lines(result.stdout, source)
    assert (
        "  SRC/i18n/i18n-git.mdx:8: link './i18n-tutorial' names no page of the adopted tree by its path, id or "
        "slug; not rewritten" in lines
    )
    introduction = body_of((site.content / "en" / "i18n" / "i18n-introduction.md").read_bytes())
    assert b"See [Git strategy](i18n-git.md)." in introduction
    assert any(line.startswith("3 links to a page's id, slug, alias or other file name") for line in lines)


def test_an_alias_above_the_tree_is_listed_not_clamped_to_its_top(tmp_path: Path, site: Site, run_kbgen: Run) -> None:
    """`../../../outside` from about/ climbs above the tree: it became the redirect en/outside, an address the page
    never had, because '..' above '/' is dropped by normpath."""
    page = "---\ntitle: Old\naliases: ['../../../outside', '/en/about/../../../x', 'kept']\n---\nText.\n"
    source = _tree(tmp_path, {"about/old.md": page})
    result = adopt(run_kbgen, site, source, "--owner", "docs")
    lines = summary_lines(result.stdout, source)
    for alias in ("../../../outside", "/en/about/../../../x"):
        assert (
            f"  SRC/about/old.md:3: alias '{alias}' not made a redirect: it is an address on another site, or above "
            "the adopted tree" in lines
        )
    assert front_matter((site.content / "en" / "about" / "old.md").read_bytes())["redirect_from"] == ["en/about/kept"]


def test_a_highlight_shortcode_becomes_a_fence_no_line_of_it_closes_with_a_language_that_stays_one() -> None:
    """The fence adopt writes is longer than any backtick run inside (a Markdown sample's own ```` fence closed a
    four-backtick one), and a language that is no language's name is left out (its `<` ended up in the info)."""
    body = (
        "{{< highlight markdown >}}\n````go\nx\n````\n{{< /highlight >}}\n\n"
        '{{< highlight "go<b>" >}}\ny\n{{< /highlight >}}\n'
    )
    text = convert_shortcodes(body, PurePosixPath("a.md"), lambda *_: None).text
    assert text.startswith("`````markdown\n````go\nx\n````\n`````\n")
    assert "```\ny\n```" in text and "<b>" not in text
