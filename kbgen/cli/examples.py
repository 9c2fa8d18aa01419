"""The "Examples:" block at the end of every command's --help, kept in one place so no command goes without.

Each example is a command line a reader can paste; tests/test_onboarding_cli.py parses every one against the
command's real options, so an example cannot drift from the flags it shows.
"""

from __future__ import annotations

# command name ("" is the `kbgen` group itself) -> (what it does, the command line)
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "": (
        ("start a help center in English and Turkish", "kbgen init my-help-center --lang en --lang tr"),
        ("write a new article", 'kbgen new "Download your invoices" --category billing'),
        ("validate every article", "kbgen check"),
        ("build the site into site/", "kbgen build"),
    ),
    "check": (
        ("validate every article", "kbgen check"),
        ("annotate a pull request in GitHub Actions", "kbgen check --format github"),
        ("gate a pull request on what it changed", "kbgen check --changed-since origin/main"),
        ("check only the article you are writing", "kbgen check content/en/account/reset-your-password.md"),
        ("judge freshness as of a date, failing on warnings too", "kbgen check --today 2026-12-01 --fail-on warning"),
        ("write SARIF for code scanning", "kbgen check --format sarif --output kbgen.sarif"),
    ),
    "build": (
        ("build the site into site/", "kbgen build"),
        ("build into another folder, failing on any finding", "kbgen build --site-dir public --strict"),
    ),
    "serve": (
        ("preview at http://127.0.0.1:8000/", "kbgen serve"),
        ("preview on another port", "kbgen serve --dev-addr 127.0.0.1:8080"),
    ),
    "report": (
        ("who has to review what, most urgent first", "kbgen report"),
        ("one owner's articles as CSV", "kbgen report --owner maria.popescu --format csv --output maria.csv"),
    ),
    "review": (
        ("record that you re-read an article", "kbgen review content/en/account/reset-your-password.md"),
        ("see which of an owner's stale articles would change", "kbgen review --owner maria.popescu --stale --dry-run"),
        ("record a review of a whole category made last week", "kbgen review content/en/billing --date 2026-11-20"),
    ),
    "translate-status": (
        ("which translations are behind their English source", "kbgen translate-status"),
        ("Turkish only, as CSV", "kbgen translate-status --lang tr --format csv"),
    ),
    "verify": (
        ("check the built site against its manifest", "kbgen verify"),
        ("check a deployed copy", "kbgen verify /var/www/help"),
    ),
    "export": (
        ("every public article as JSON Lines, for any search engine", "kbgen export --output articles.jsonl"),
        ("records shaped for Meilisearch", "kbgen export --format meilisearch --output articles.ndjson"),
        (
            "for Algolia's CLI: algolia objects import INDEX -F algolia.ndjson",
            "kbgen export --format algolia -o algolia.ndjson",
        ),
        ("for Typesense, judging staleness as of a date", "kbgen export --format typesense --today 2026-12-01"),
    ),
    "adopt": (
        ("bring a Microsoft Learn style docs tree in as English", "kbgen adopt ../docs-repo/articles --lang en"),
        (
            "take owners from ms.author and see what would happen first",
            "kbgen adopt ../docs-repo/articles --lang en --owner-key ms.author --dry-run",
        ),
    ),
    "init": (
        ("a help center in English, in a new folder", "kbgen init my-help-center"),
        ("in English and Turkish, owned by a team", "kbgen init my-help-center --lang en --lang tr --owner docs-team"),
    ),
    "new": (
        ("an article in the billing category", 'kbgen new "Download your invoices" --category billing'),
        ("one in a section below it", 'kbgen new "Pay an overdue invoice" --category billing/invoices'),
        (
            "its Turkish translation: the same slug",
            'kbgen new "Faturalarınızı indirin" --lang tr --category billing --slug download-your-invoices',
        ),
        (
            "a Chinese title needs --slug",
            'kbgen new "下载发票" --lang zh --category billing --slug download-your-invoices',
        ),
    ),
}


def epilog(name: str) -> str:
    """One paragraph that click prints as written (`\\b`), so each command line stays on its own line."""
    lines = ["\b", "Examples:"]
    for what, command in EXAMPLES[name]:
        lines += [f"  # {what}", f"  {command}"]
    return "\n".join(lines)
