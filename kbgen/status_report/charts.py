"""Inline SVG bar charts of article status: no scripts, no styles, colours as presentation attributes.

Presentation attributes (`fill`, `x`, `width`) are not style, so the charts render under a CSP that
forbids inline styles, and the page needs nothing from outside itself.
"""

from __future__ import annotations

from html import escape

from kbgen.status_report.model import STATUSES

COLOURS = {
    "stale": "#c62828",
    "unsupported": "#6a1b9a",
    "release-review": "#ad1457",
    "due-soon": "#ef6c00",
    "fresh": "#2e7d32",
    "evergreen": "#00838f",
    "draft": "#757575",
    "archived": "#bdbdbd",
}
_ROW, _BAR, _CHAR, _LABEL_MAX, _PLOT = 24, 16, 7, 24, 360


def _label(text: str) -> str:
    return text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1] + "…"


def _legend(y: int) -> list[str]:
    parts, x = [], 0
    for status in STATUSES:
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{COLOURS[status]}"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 10}" font-size="12">{status}</text>')
        x += 16 + _CHAR * len(status) + 14
    return parts


def status_chart(chart_id: str, title: str, data: dict[str, dict[str, int]]) -> str:
    """One stacked horizontal bar per key; each segment's <title> gives the exact count."""
    label_width = min(max([len(_label(k)) for k in data] + [4]) * _CHAR + 12, _LABEL_MAX * _CHAR + 12)
    largest = max([sum(counts.values()) for counts in data.values()] + [1])
    scale = _PLOT / largest
    legend_width = sum(30 + _CHAR * len(status) for status in STATUSES)
    width = max(label_width + _PLOT + 40, legend_width)
    height = 28 + _ROW * len(data)
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="sans-serif">',
        f'<title id="{chart_id}">{escape(title)}</title>',
        *_legend(0),
    ]
    for index, (key, counts) in enumerate(data.items()):
        y = 28 + index * _ROW
        body.append(f'<text x="0" y="{y + 12}" font-size="12"><title>{escape(key)}</title>{escape(_label(key))}</text>')
        x = float(label_width)
        for status, count in counts.items():
            if not count:
                continue
            w = count * scale
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{_BAR}" fill="{COLOURS[status]}">'
                f"<title>{escape(key)}: {count} {status}</title></rect>"
            )
            x += w
        body.append(f'<text x="{x + 4:.1f}" y="{y + 12}" font-size="12">{sum(counts.values())}</text>')
    body.append("</svg>")
    return "".join(body)
