"""Confinement: MkDocs walks only the content root, and renders only what kbgen's own parser accepted.

MkDocs' `get_files` walks the docs folder with `os.walk(followlinks=True)`: a `content/etc -> /etc` link is
walked (and its files copied) and `content/loop -> .` recurses until path resolution fails. Its front-matter
regex also differs from kbgen's (a closing `---` at the end of the file without a newline is rendered as text).
So `kbgen build` swaps in `confined_get_files` for the duration of a build, a plain `mkdocs build` refuses to
start on a tree with linked folders, and every page's Markdown is replaced by the body kbgen parsed itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import mkdocs.commands.build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions
from mkdocs.structure.pages import Page

from kbgen.config.settings import KbConfig
from kbgen.loading.frontmatter import fingerprint, parse_document
from kbgen.loading.render_budget import check_body
from kbgen.loading.rendered_fields import theme_meta
from kbgen.model import Article, Corpus, Section, Severity
from kbgen.render.renderer_source import renderer_source
from kbgen.render.section_intro import shown_body

REFUSED = "*This page was not rendered: kbgen reported an error in it. Run `kbgen check` for details.*\n"


def confined_get_files(config: MkDocsConfig) -> Files:
    """MkDocs' file list without following or listing any symbolic link, in MkDocs' own order."""
    docs_dir = config["docs_dir"]
    files: list[File] = []
    for folder, dirs, names in os.walk(docs_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not Path(folder, d).is_symlink())
        relative = Path(folder).relative_to(docs_dir)
        for name in names:
            if Path(folder, name).is_symlink():
                continue
            path = os.path.normpath(relative / name)
            files.append(File(path, docs_dir, config["site_dir"], config["use_directory_urls"]))
    files.sort(key=file_sort_key)
    set_exclusions(files, config)
    return Files(files)


@contextmanager
def confined_walk() -> Iterator[None]:
    """For one build: MkDocs lists files with `confined_get_files` (it imports `get_files` by name)."""
    original = mkdocs_build.get_files  # type: ignore[attr-defined]
    mkdocs_build.get_files = confined_get_files  # type: ignore[attr-defined]
    try:
        yield
    finally:
        mkdocs_build.get_files = original  # type: ignore[attr-defined]


def refuse_unconfined_walk(corpus: Corpus, docs_dir: Path) -> None:
    """Under plain `mkdocs build`/`serve` a linked folder would be walked before any hook can drop it."""
    if mkdocs_build.get_files is confined_get_files:  # type: ignore[attr-defined]
        return
    for rel in sorted(corpus.rejected):
        path = docs_dir / rel
        if path.is_symlink() and path.is_dir():
            raise PluginError(
                f"{rel}: MkDocs would follow this linked folder (-> {path.readlink()}); "
                "remove the link or build with `kbgen build`, which never follows links"
            )


def page_markdown(markdown: str, page: Page, corpus: Corpus, kb: KbConfig, *, changed: set[str] | None = None) -> str:
    """The body and metadata kbgen parsed at load time (parsed afresh if the file changed since), within the render
    budget. MkDocs' own reading of the front matter is dropped: the theme sees only keys kbgen validated.

    Anything else (a rejected file, a change that broke the front matter, a body over budget) is a refusal. A page
    whose file changed since kbgen loaded it is added to `changed`: its output is not what its load key names.

    A section page's or home's text is shown as kbgen.render.section_intro says; refused, it shows none (its
    listings are still built), never the refusal note, which would say the whole page was not rendered.
    """
    body = _accepted_markdown(markdown, page, corpus, kb, changed)
    if page.file.abs_src_path is None:
        return body  # a page kbgen generated
    if PurePosixPath(page.file.src_uri).name != "index.md":
        return renderer_source(body)  # read as the writer's own renderer reads it (DocFX images, lists, boxes)
    return "" if body == REFUSED else renderer_source(shown_body(body))


def _accepted_markdown(markdown: str, page: Page, corpus: Corpus, kb: KbConfig, changed: set[str] | None) -> str:
    file = page.file
    if file.abs_src_path is None:
        return markdown  # a page kbgen generated
    page.meta = {}
    if PurePosixPath(file.src_uri) in corpus.rejected:
        return REFUSED
    loaded = corpus.by_source(file.src_uri)
    text = file.content_string
    if loaded is not None and loaded.source is not None and fingerprint(text) == loaded.source.digest:
        body = loaded.body  # exactly the text kbgen accepted: its front matter is not parsed again
        meta = {key: list(value) if isinstance(value, tuple) else value for key, value in loaded.source.theme_meta}
        where = (loaded.body_line, loaded.source.display)  # as the loader asked: check_body's answer is remembered
    else:
        if loaded is not None and changed is not None:
            changed.add(file.src_uri)
        document = parse_document(text, file.src_uri, kb.max_front_matter_size)
        if any(f.severity is Severity.ERROR for f in document.findings):
            return REFUSED  # the file changed since kbgen loaded it; the next build reports why
        body, meta = document.body, theme_meta(document.fields)
        where = (1, file.src_uri)
    if check_body(body, *where):  # only whether it is over budget matters here, not where
        return REFUSED  # defence in depth: the renderer never gets a body over budget, however it was loaded
    page.meta = meta
    if isinstance(loaded, Article) or (isinstance(loaded, Section) and loaded.title):
        page.meta["title"] = loaded.title  # a section's title from its folder, not from a heading in its text
    return body
