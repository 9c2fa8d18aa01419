// kbgen serve: reload the page when the preview server finishes a rebuild (same-origin polling, CSP-friendly).
(() => {
  'use strict';
  const script = document.currentScript;
  const shown = script ? Number(script.getAttribute('data-generation')) : -1;
  function poll() {
    fetch('/__kbgen__/state', { cache: 'no-store' })
      .then((response) => response.json())
      .then((state) => {
        if (state.generation !== shown) { window.location.reload(); }
      })
      .catch(() => { /* the server is restarting; try again */ })
      .finally(() => { window.setTimeout(poll, 800); });
  }
  window.setTimeout(poll, 800);
})();
