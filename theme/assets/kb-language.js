/* kbgen: sends a reader to the help center in their own language, by the browser's preferred languages
   (navigator.languages). On the site root, the language chooser, it opens the best language's home; on the
   site-wide 404 page it opens the 404 page of the language folder the missing address was in (or else of the
   browser's language). Without scripts both pages stay as built: every language, each named in itself. */
(() => {
  "use strict";

  const languagesOf = (element) => (element.dataset.kbLanguages || "").split(" ").filter(Boolean);

  // The first of the reader's languages the site has: exactly (zh-tw), by its primary subtag (zh-CN -> zh),
  // or a regional variant the site has of it (pt -> pt-br).
  const pick = (available) => {
    const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (const tag of wanted) {
      const lower = String(tag || "").toLowerCase();
      const primary = lower.split("-")[0];
      const found = available.find((code) => code === lower)
        || available.find((code) => code === primary)
        || available.find((code) => code.split("-")[0] === primary);
      if (found) {
        return found;
      }
    }
    return null;
  };

  const cameFromThisSite = () => {
    try {
      return Boolean(document.referrer) && new URL(document.referrer).origin === location.origin;
    } catch {
      return false;
    }
  };

  const chooser = document.querySelector("[data-kb-language-pick]");
  if (chooser && !cameFromThisSite()) { // a reader who came from a page here asked for the chooser
    const lang = pick(languagesOf(chooser));
    const link = lang && chooser.querySelector(`a[hreflang="${lang}"]`);
    if (link) {
      location.replace(link.href);
    }
  }

  const notFound = document.querySelector("[data-kb-not-found]");
  if (notFound) {
    const base = new URL(notFound.dataset.kbBase || "/", location.href);
    const path = location.pathname;
    if (path.startsWith(base.pathname) && !path.endsWith("/404.html")) { // never loop on a missing 404 page
      const available = languagesOf(notFound);
      const folder = path.slice(base.pathname.length).split("/")[0].toLowerCase();
      const lang = available.includes(folder) ? folder : pick(available);
      if (lang) {
        location.replace(new URL(`${lang}/404.html`, base).href);
      }
    }
  }
})();
