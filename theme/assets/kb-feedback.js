/* kbgen: "Was this article helpful?". Yes or No opens an optional comment; Send posts one JSON record
   {url, lang, helpful, comment} to the site's feedback_url (the page's CSP allows exactly that origin).
   All text is in the page, in its language; this only shows and hides it. Without scripts the widget stays
   hidden, since it could not send anything. */
(() => {
  "use strict";

  const setUp = (box) => {
    const form = box.querySelector(".kb-feedback__form");
    const more = box.querySelector(".kb-feedback__more");
    const comment = box.querySelector(".kb-feedback__comment");
    const send = box.querySelector(".kb-feedback__send");
    const thanks = box.querySelector(".kb-feedback__thanks");
    const failed = box.querySelector(".kb-feedback__error");
    const choices = Array.from(box.querySelectorAll("[data-kb-helpful]"));
    let helpful = null;

    choices.forEach((choice) => choice.addEventListener("click", () => {
      helpful = choice.dataset.kbHelpful === "true";
      choices.forEach((other) => other.setAttribute("aria-pressed", String(other === choice)));
      more.hidden = false;
      comment.focus();
    }));

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (helpful === null) {
        return;
      }
      send.disabled = true;
      failed.hidden = true;
      fetch(box.dataset.kbEndpoint, {
        method: "POST",
        mode: "cors",
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          url: box.dataset.kbUrl,
          lang: box.dataset.kbLang,
          helpful,
          comment: comment.value.trim(),
        }),
      }).then((response) => {
        if (!response.ok) {
          throw new Error(`feedback endpoint answered ${response.status}`);
        }
        form.hidden = true;
        thanks.hidden = false;
      }).catch(() => {
        failed.hidden = false;
        send.disabled = false;
      });
    });
    box.hidden = false;
  };

  const init = () => {
    document.querySelectorAll("[data-kb-feedback]").forEach((box) => {
      if (!box.dataset.kbReady) {
        box.dataset.kbReady = "true";
        setUp(box);
      }
    });
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // material's instant navigation swaps pages without reloading
  } else {
    init();
  }
})();
