/* kbgen: a table wider than the page scrolls sideways in its own box (material wraps each table in
   .md-typeset__scrollwrap). A box that scrolls joins the tab order, so a keyboard user can reach it and scroll it
   with the arrow keys (WCAG 2.1.1; axe-core's scrollable-region-focusable); one that fits stays out of the way.
   Material does the same for code blocks. */
(() => {
  "use strict";

  const update = (box) => {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
    } else {
      box.removeAttribute("tabindex");
    }
  };

  const watch = () => {
    const observer = new ResizeObserver((entries) => entries.forEach((entry) => update(entry.target)));
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
      observer.observe(box); // reports each box once at once, then whenever the page width changes it
    }
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(watch); // after material has wrapped the tables of the page it shows
  } else {
    watch();
  }
})();
