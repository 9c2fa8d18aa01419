"""Opening the sample help center the way a reader does: a page at a width, optionally with search results open."""

from __future__ import annotations

from typing import Any

from tests.support.project import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"  # installed by `npm ci` (package.json pins it)
# One page of each kind in every language, and a query that finds something there.
PAGES = {
    "en": {"home": "en/", "section": "en/billing/", "article": "en/billing/download-invoices/"},
    "tr": {"home": "tr/", "section": "tr/billing/", "article": "tr/billing/download-invoices/"},
    "ro": {"home": "ro/", "section": "ro/billing/", "article": "ro/billing/invoices/"},
    "zh": {"home": "zh/", "section": "zh/billing/", "article": "zh/billing/invoices/"},
}
QUERIES = {"en": "invoice", "tr": "fatura", "ro": "factura", "zh": "发票"}
SETTLED = '.kb-search__results[aria-busy="false"] .kb-search__result'


def open_page(page: Any, base: str, url: str, query: str | None = None) -> None:
    """Go to `url`; with a query, type it into the search box the reader sees and wait for the results."""
    page.goto(base + url)
    if query is not None:
        page.locator("form[data-kb-search] input[type=search]:visible").first.fill(query)
        page.wait_for_selector(SETTLED, timeout=15_000)


def overflow(page: Any) -> list[str]:
    """Why the page scrolls sideways: the widest elements past the right edge (empty when it does not)."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) { return []; }
          const past = Array.from(document.querySelectorAll('body *'))
            .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className} ends at ${e.getBoundingClientRect().right}`);
          return [`scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}`, ...past.slice(0, 5)];
        }"""
    )


def axe_violations(page: Any) -> list[str]:
    """axe-core's serious and critical violations, one line per element. The script is evaluated through the
    DevTools protocol, which the page's Content-Security-Policy (script-src 'self') does not apply to."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')}: ${
              (n.failureSummary || '').replace(/\\s+/g, ' ')}`));
        }"""
    )
    return list(found)


def announced(page: Any, role: str, within: str = "article") -> list[tuple[str, str]]:
    """What Chromium's accessibility tree (what a screen reader reads) holds for each `role` node inside `within`:
    its name and, for checkboxes and radios, its checked state. Nodes hidden from assistive technology are left out."""
    cdp = page.context.new_cdp_session(page)
    try:
        found = cdp.send("Runtime.evaluate", {"expression": f"document.querySelector({within!r})"})
        nodes = cdp.send("Accessibility.queryAXTree", {"objectId": found["result"]["objectId"], "role": role})
    finally:
        cdp.detach()
    named = []
    for node in nodes["nodes"]:
        if node.get("ignored"):
            continue
        states = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        named.append((node.get("name", {}).get("value", ""), str(states.get("checked", ""))))
    return named


def clipped_text(page: Any, within: str = "article") -> list[str]:
    """Elements inside `within` whose text is cut off: wider than their box, which hides (not scrolls) the rest."""
    return page.evaluate(  # type: ignore[no-any-return]
        """(within) => Array.from(document.querySelectorAll(`${within} *`)).filter((e) => {
            const style = getComputedStyle(e);
            const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
            return hides && e.offsetParent !== null && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1;
          }).map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 40)}`)""",
        within,
    )
