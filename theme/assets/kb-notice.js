/* kbgen: shows or hides the stale notice by the reader's date, not the build's: a page built in March
   must still warn in September. Without scripts the build-time state stays. */
(function () {
  "use strict";

  function todayIso() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function update() {
    var today = todayIso();
    var notices = document.querySelectorAll(".kb-notice[data-kb-due]");
    for (var i = 0; i < notices.length; i++) {
      var due = notices[i].getAttribute("data-kb-due");
      if (/^\d{4}-\d{2}-\d{2}$/.test(due)) {
        notices[i].hidden = !(today > due); // ISO dates compare as strings
      }
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update); // material's instant navigation swaps pages without reloading
  } else {
    update();
  }
})();
