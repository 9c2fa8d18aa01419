// kbgen serve: reload the page as soon as the preview server finishes a rebuild (same-origin, CSP-friendly).
// The request waits on the server until the generation differs from the one shown (a long poll), so the page
// reloads the moment a rebuild is published instead of at the next tick of a timer. A full rebuild (20 to
// 100 s on a large help center, where a text edit takes a second) also ends the wait: the page then shows a
// one-line status, as text, until the new page loads. It is a line of the sticky header (or of the sticky
// banner of a refused edit), so it is in sight however far the page is scrolled and lies over none of the
// article (a page without either gets it on top).
(() => {
  'use strict';
  const script = document.currentScript;
  const shown = script ? Number(script.getAttribute('data-generation')) : -1;
  let status = null;
  function showBuilding(why) {
    if (!why) {
      if (status) { status.remove(); }
      status = null;
      return;
    }
    if (!status) {
      status = document.createElement('div');
      status.className = 'kbgen-serve-building';
      status.setAttribute('role', 'status');
      // the banner of a refused edit is sticky above the header: the line goes at its top, else it hides it
      const banner = document.querySelector('.kbgen-serve-problems');
      const header = document.querySelector('.md-header');
      if (banner) {
        banner.prepend(status);
      } else if (header) {
        header.append(status);
      } else {
        document.body.prepend(status);
      }
    }
    status.textContent = `kbgen: rebuilding the site (${why})…`;
  }
  function poll() {
    fetch(`/__kbgen__/state?after=${shown}&building=${status ? 1 : 0}`, { cache: 'no-store' })
      .then((response) => response.json())
      .then((state) => {
        if (state.generation !== shown) {
          // a page whose file the edit renamed opens at its new address, not as a 404 at its old one
          const moved = state.moved && state.moved[window.location.pathname];
          if (moved) {
            window.location.replace(moved + window.location.hash);
          } else {
            window.location.reload();
          }
        } else {
          showBuilding(state.building);
          poll();
        }
      })
      .catch(() => { window.setTimeout(poll, 1000); }); // the server is restarting; try again shortly
  }
  poll();
})();
