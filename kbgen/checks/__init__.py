"""Runs every content check over a loaded corpus; each check is a function from context to findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from kbgen.checks.review_dates import check_freshness
from kbgen.config.settings import KbConfig
from kbgen.loading.synonyms import Synonyms
from kbgen.model import Corpus, Finding


@dataclass(frozen=True, slots=True)
class CheckContext:
    corpus: Corpus
    config: KbConfig
    today: date
    synonyms: Synonyms = Synonyms()


Check = Callable[[CheckContext], Iterable[Finding]]

from kbgen.checks.collisions import check_collisions  # noqa: E402  (the checks need CheckContext above)
from kbgen.checks.links import check_links  # noqa: E402
from kbgen.checks.synonyms import check_synonyms  # noqa: E402

# Each capability registers its checks here, in the order their findings are most useful to read.
CHECKS: tuple[Check, ...] = (check_freshness, check_links, check_collisions, check_synonyms)


def run_checks(context: CheckContext) -> list[Finding]:
    """Loader findings plus every check's, sorted so output is stable run to run."""
    findings = list(context.corpus.findings)
    for check in CHECKS:
        findings.extend(check(context))
    return sorted(set(findings), key=Finding.sort_key)
