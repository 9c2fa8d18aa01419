// kbgen serve: reload the page when the preview server finishes a rebuild (same-origin polling, CSP-friendly).
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script ? Number(script.getAttribute("data-generation")) : -1;
  function poll() {
    fetch("/__kbgen__/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.generation !== shown) { window.location.reload(); }
      })
      .catch(function () { /* the server is restarting; try again */ })
      .finally(function () { window.setTimeout(poll, 800); });
  }
  window.setTimeout(poll, 800);
})();
