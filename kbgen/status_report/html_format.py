"""The owner report as HTML: a self-contained page, or a fragment for the site's maintenance dashboard."""

from __future__ import annotations

from html import escape

from kbgen.safe_text import xml_safe
from kbgen.status_report.charts import COLOURS, status_chart
from kbgen.status_report.model import OwnerReport
from kbgen.translations.status import STATES, TranslationStatus

_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#1a1a1a}"
    "table{border-collapse:collapse;width:100%;margin-bottom:2rem}"
    "th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}"
    ".kb-charts figure{margin:0 0 1.5rem}.kb-charts svg{max-width:100%;height:auto}"
    "code{font-size:.85em;color:#555}"
    + "".join(f".kb-status--{status}{{color:{colour};font-weight:700}}" for status, colour in COLOURS.items())
)


def _totals(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {escape(status)}" for status, n in counts.items() if n) or "no articles"


def fragment(report: OwnerReport) -> str:
    """Markup only (no <style>, no scripts), on a single block so Markdown passes it through untouched."""
    out = [
        '<div class="kb-dashboard">',
        f"<p>{escape(str(report.today))}. {sum(report.totals.values())} articles: {_totals(report.totals)}.</p>",
        '<div class="kb-charts">',
    ]
    for dimension, name in (("category", "category"), ("owner", "owner"), ("lang", "language")):
        title = f"Article status by {name}"
        chart = status_chart(f"kb-chart-{dimension}", title, report.breakdown(dimension))
        out.append(f"<figure><figcaption>{title}</figcaption>{chart}</figure>")
    out.append("</div>")
    for group in report.groups:
        out.append(f"<h2>{escape(group.owner)}</h2><p>{_totals(group.totals)}</p>")
        out.append(
            "<table><thead><tr><th>Status</th><th>Due</th><th>Days</th><th>Reviewed</th><th>Article</th></tr></thead>"
            "<tbody>"
        )
        for row in group.rows:
            due = row.due.isoformat() if row.due else "-"
            out.append(
                f'<tr><td class="kb-status--{escape(row.status)}">{escape(row.status)}</td><td>{due}</td>'
                f"<td>{escape(row.days_text or '-')}</td><td>{escape(row.reviewed_text)}</td>"
                f"<td>{escape(row.title)}<br><code>{escape(row.path)}</code></td></tr>"
            )
        out.append("</tbody></table>")
    if report.translations is not None:
        out.append(translations_view(report.translations))
    out.append("</div>")
    return xml_safe("".join(out))  # no control character or undecodable byte from a name or title


def translations_view(status: TranslationStatus) -> str:
    """Per language, how many translations are current, outdated, unverified, orphaned or missing; then each
    one a translator should look at, with its source."""
    head = "".join(f"<th>{escape(state)}</th>" for state in STATES)
    out = ['<section class="kb-translations"><h2>Translations</h2>']
    out.append(f"<table><thead><tr><th>Language</th>{head}</tr></thead><tbody>")
    for lang in status.languages:
        cells = "".join(f"<td>{n}</td>" for n in status.counts(lang).values())
        required = " (required)" if lang in status.required else ""
        out.append(f"<tr><td>{escape(lang)}{required}</td>{cells}</tr>")
    out.append("</tbody></table>")
    to_check = status.to_check()
    if to_check:
        out.append("<table><thead><tr><th>State</th><th>Translation</th><th>Source</th></tr></thead><tbody>")
        for entry in to_check:
            out.append(
                f'<tr><td class="kb-translation--{escape(str(entry.state))}">{escape(str(entry.state))}</td>'
                f"<td><code>{escape(entry.path)}</code></td><td><code>{escape(entry.source)}</code></td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>Every translation matches its source.</p>")
    out.append("</section>")
    return "".join(out)


def page(report: OwnerReport) -> str:
    """A whole document that opens from disk or an e-mail attachment: no external files, no scripts."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Review status, {report.today.date.isoformat()}</title><style>{_STYLE}</style></head>"
        f"<body><h1>Review status</h1>{fragment(report)}</body></html>\n"
    )
