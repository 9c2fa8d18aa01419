/* kbgen: shows or hides the stale notice by the reader's date, not the build's: a page built in March
   must still warn in September. The build writes the first day the article counts as stale
   (data-kb-stale-from, decided by kbgen/review/schedule.py); this only compares the reader's date with it.
   Without scripts the build-time state stays. */
(() => {
  "use strict";

  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  const todayIso = () => {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  };

  const update = () => {
    const today = todayIso();
    for (const notice of document.querySelectorAll(".kb-notice[data-kb-stale-from]")) {
      const staleFrom = notice.dataset.kbStaleFrom;
      if (ISO_DATE.test(staleFrom)) {
        notice.hidden = today < staleFrom; // ISO dates compare as strings
      }
    }
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update); // material's instant navigation swaps pages without reloading
  } else {
    update();
  }
})();
