"""The maintenance dashboard page: the owner report inside an internal build of the site."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from kbgen.config.settings import KbConfig
from kbgen.config.today import Today
from kbgen.model import Corpus
from kbgen.status_report import build_report
from kbgen.status_report.html_format import fragment
from kbgen.translations.status import translation_status

DASHBOARD_URI = "kb-dashboard.md"
_FRONT_MATTER = "---\ntitle: Maintenance dashboard\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n\n"


def add_dashboard(files: Files, corpus: Corpus, kb: KbConfig, today: Today, config: MkDocsConfig) -> None:
    """Built but kept out of the navigation: maintainers open /kb-dashboard/, customers never see a link.

    The report is one raw HTML block, which Markdown passes through as it is; it has no styles or scripts,
    so the site's Content-Security-Policy applies unchanged.
    """
    report = build_report(corpus.articles, kb, today, translations=translation_status(corpus, kb))
    content = _FRONT_MATTER + fragment(report) + "\n"
    files.append(File.generated(config, DASHBOARD_URI, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
