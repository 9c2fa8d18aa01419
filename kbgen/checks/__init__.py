"""Runs every content check over a loaded corpus; each check is a function from context to findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kbgen.checks.review_dates import check_freshness
from kbgen.config.settings import KbConfig
from kbgen.links.site_map import BuiltSiteMap, build_site_map
from kbgen.loading.load_memo import LoadMemo
from kbgen.loading.synonyms import Synonyms
from kbgen.model import Corpus, Finding
from kbgen.translations.status import TranslationStatus, translation_status


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What every check reads; the site map is built here once, and the build reuses it to rewrite links.

    `root` (the folder of mkdocs.yml) and `content_root` let the maintenance checks read the roster and the
    content's git history; without them those checks have nothing to read and say nothing.
    """

    corpus: Corpus
    config: KbConfig
    today: date
    root: Path | None = None
    content_root: Path | None = None
    synonyms: Synonyms = Synonyms()
    jobs: int | None = 1  # processes for the per-article work (kbgen.workers; None: every core)
    memo: LoadMemo | None = None  # links of bodies an earlier run read (kbgen.loading.load_memo)
    site_map: BuiltSiteMap = field(init=False)
    _translations: TranslationStatus | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the site map and the link check both read them
        read_links(self.corpus.articles, self.jobs, self.memo, self.corpus.load_keys)
        object.__setattr__(self, "site_map", build_site_map(self.corpus))

    @property
    def translations(self) -> TranslationStatus:
        """Each translation's state against its source, worked out on first use: a rebuild needs it only once its
        search index is under way (a quarter of a second at 10,000 articles, off the path the index waits on)."""
        if self._translations is None:
            object.__setattr__(self, "_translations", translation_status(self.corpus, self.config))
        assert self._translations is not None
        return self._translations


Check = Callable[[CheckContext], Iterable[Finding]]

from kbgen.checks.collisions import check_collisions  # noqa: E402  (the checks need CheckContext above)
from kbgen.checks.edits import check_edits  # noqa: E402
from kbgen.checks.links import check_links, read_links  # noqa: E402
from kbgen.checks.owners import check_owners  # noqa: E402
from kbgen.checks.releases import check_releases  # noqa: E402
from kbgen.checks.synonyms import check_synonyms  # noqa: E402
from kbgen.checks.translations import check_translations  # noqa: E402

# Each capability registers its checks here, in the order their findings are most useful to read.
CHECKS: tuple[Check, ...] = (
    check_freshness, check_releases, check_edits, check_owners, check_links, check_collisions, check_translations,
    check_synonyms,
)  # fmt: skip


def run_checks(context: CheckContext) -> list[Finding]:
    """Loader findings plus every check's, sorted so output is stable run to run."""
    findings = list(context.corpus.findings)
    for check in CHECKS:
        findings.extend(check(context))
    return sorted(set(findings), key=Finding.sort_key)
