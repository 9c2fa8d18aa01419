// kbgen serve: reload the page as soon as the preview server finishes a rebuild (same-origin, CSP-friendly).
// The request waits on the server until the generation differs from the one shown (a long poll), so the page
// reloads the moment a rebuild is published instead of at the next tick of a timer.
(() => {
  'use strict';
  const script = document.currentScript;
  const shown = script ? Number(script.getAttribute('data-generation')) : -1;
  function poll() {
    fetch(`/__kbgen__/state?after=${shown}`, { cache: 'no-store' })
      .then((response) => response.json())
      .then((state) => {
        if (state.generation !== shown) {
          window.location.reload();
        } else {
          poll();
        }
      })
      .catch(() => { window.setTimeout(poll, 1000); }); // the server is restarting; try again shortly
  }
  poll();
})();
