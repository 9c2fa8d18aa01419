"""Every string a page of one language may show around its articles, as patterns: the test's oracle.

Built from the sources of truth, never from the page: kbgen's catalogue (kbgen/render/i18n.py), the
translations of mkdocs-material's own labels, mkdocs.yml's text for that language, the language's content
(titles, summaries and headings), language names written in themselves, dates and version numbers. English
appears only where English is the page's language.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import material

from kbgen.config.settings import KbConfig, localized
from kbgen.links.anchors import heading_text
from kbgen.loading.loader import load_corpus
from kbgen.mkdocs_plugin.config_file import load_project
from kbgen.model import Corpus
from kbgen.render import i18n
from tests.support.project import REPO

_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_PLACEHOLDER = re.compile(r"\\\{(\w+)\\\}")
_MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def _pattern(text: str) -> str:
    """A catalogue text as a regex: {n} is a number, any other placeholder some text."""
    return _PLACEHOLDER.sub(lambda m: r"\d+" if m.group(1) == "n" else r".+", re.escape(text))


@functools.cache
def _sample() -> tuple[KbConfig, Corpus]:
    project = load_project(REPO / "mkdocs.yml")
    return project.kb, load_corpus(project.docs_dir, project.kb, "content/")


def _material_labels(lang: str) -> list[str]:
    source = (_MATERIAL_LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")
    return [re.escape(value).replace("\\#", r"\d+") for value in re.findall(r'": "([^"]*)"', source)]


def _date_pattern(lang: str) -> str:
    if lang == "zh":
        return r"\d{4}年\d{1,2}月\d{1,2}日"
    months = "|".join(i18n.format_date(date(2026, month, 1), lang).split()[1] for month in range(1, 13))
    return rf"\d{{1,2}} ({months}) \d{{4}}"


@functools.cache
def allowed(lang: str) -> re.Pattern[str]:
    """One pattern matching exactly the strings a `lang` page's chrome may show."""
    kb, corpus = _sample()
    texts: list[str] = [_pattern(text) for text in i18n.strings(lang).values()]
    texts += _material_labels(lang)
    own = [localized(kb.site_name, lang), localized(kb.site_description, lang)]
    own += [option.label(lang) for option in (*kb.contact, *kb.footer_links)]
    own += [text for a in corpus.articles if a.lang == lang for text in (a.title, a.summary)]
    own += [heading_text(h) for a in corpus.articles if a.lang == lang for h in _HEADING.findall(a.body)]  # toc
    own += [text for s in corpus.sections if s.lang == lang for text in (s.title, s.summary)]
    own += list(i18n.LANGUAGE_NAMES.values())
    texts += [re.escape(text) for text in own if text]
    texts += [_date_pattern(lang), r"[\d.]+(, [\d.]+)*", r"[›·|,:/-]"]
    return re.compile("|".join(f"(?:{text})" for text in sorted(set(texts), key=len, reverse=True)))


def foreign(strings: list[str], lang: str) -> list[str]:
    """The strings (a trailing ':' aside) that are not `lang`'s: English on a Turkish page, for instance."""
    pattern = allowed(lang)
    return [text for text in strings if not pattern.fullmatch(text.strip().rstrip(":").strip())]
