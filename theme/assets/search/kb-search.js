/*
 * kbgen search box and results view. Talks to kb-search-worker.js; renders every string with textContent
 * and builds <mark> with createElement, so nothing from the index or the query is ever parsed as HTML.
 * Works with any number of search forms on a page (header bar, home-page box). Its interface text comes
 * from the page, as JSON the search form renders from kbgen/render/i18n.py.
 */
(() => {
  'use strict';
  // The header bar and the home-page box each include this script; it must wire the page only once.
  if (window.__kbSearchStarted) { return; }
  window.__kbSearchStarted = true;

  const script = document.currentScript;
  const SAFE_URL = /^(https?:|mailto:|tel:)/i;
  const VERSION_FIELD = 'kb-search-version';

  // The script is async: it may run before the page is fully parsed, but its own form (the header box or the
  // home-page box) precedes it, so the worker can start at once while the theme's scripts still load.
  const forms = Array.from(document.querySelectorAll('form[data-kb-search]'));
  if (!forms.length) { return; }
  const pageLang = (document.documentElement.lang || 'en').toLowerCase();
  const t = readText();
  // data-kb-search-root is relative to the page (MkDocs' url filter); without it, assume the theme layout.
  const rootAttr = forms[0].getAttribute('data-kb-search-root');
  const root = rootAttr ? new URL(rootAttr, document.baseURI).href : new URL('../../kb-search/', script.src).href;
  const siteRoot = new URL('../', root).href;
  let worker = null;
  let info = null;
  let nextId = 1;
  let active = null; // the form instance showing the current search
  let instances = null;
  let early = [];

  /** The interface text the search form carries, keyed as in i18n.py; without it the labels stay blank. */
  function readText() {
    const node = document.querySelector('script.kb-search__text[type="application/json"]');
    try {
      return JSON.parse(node.textContent) || {};
    } catch {
      return {};
    }
  }

  /** `template` with each {name} replaced by values[name], taken literally (no `$&` patterns). */
  const fill = (template, values) => String(template || '').replace(
    /\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole),
  );

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function appendParts(parent, parts) {
    parts.forEach((part) => {
      parent.appendChild(part.mark ? el('mark', null, part.text) : document.createTextNode(part.text));
    });
  }

  function storedVersion() {
    try {
      return window.localStorage.getItem(VERSION_FIELD) || '';
    } catch {
      return '';
    }
  }

  function startWorker() {
    if (worker) { return; }
    worker = new Worker(new URL('kb-search-worker.js', script.src).href);
    worker.onmessage = (event) => receive(event.data || {});
    worker.postMessage({ type: 'init', root, core: new URL('kb-search-core.js', script.src).href, lang: pageLang });
  }

  class Instance {
    constructor(form) {
      this.form = form;
      this.input = form.querySelector('input[type="search"]');
      this.select = form.querySelector('select');
      this.panel = form.querySelector('.kb-search__panel');
      this.status = form.querySelector('.kb-search__status');
      this.list = form.querySelector('.kb-search__results');
      this.empty = form.querySelector('.kb-search__empty');
      this.moreButton = form.querySelector('.kb-search__more');
      this.id = 0;
      this.cursor = -1;
      this.timer = null;
      this.groups = {};
      this.input.setAttribute('aria-controls', this.list.id);
      ['focus', 'pointerenter'].forEach((name) => this.input.addEventListener(name, startWorker));
      this.input.addEventListener('input', () => this.schedule());
      this.input.addEventListener('keydown', (event) => this.key(event));
      if (this.select) {
        this.select.addEventListener('change', () => {
          try {
            window.localStorage.setItem(VERSION_FIELD, this.select.value);
          } catch {
            // private mode: the choice lasts for this page only
          }
          this.run(true);
        });
      }
      form.addEventListener('submit', (event) => { event.preventDefault(); this.run(true); });
      this.moreButton.addEventListener('click', () => this.more());
      document.addEventListener('click', (event) => {
        if (!form.contains(event.target) && form.classList.contains('kb-search--bar')) { this.close(); }
      });
    }

    schedule() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(false), 80);
    }

    open() {
      this.list.setAttribute('aria-busy', 'true'); // until 'finish': results are still arriving
      this.panel.hidden = false;
      this.input.setAttribute('aria-expanded', 'true');
      this.status.textContent = t.search_loading;
    }

    close() {
      this.panel.hidden = true;
      this.input.setAttribute('aria-expanded', 'false');
    }

    clear() {
      this.list.textContent = '';
      this.list.setAttribute('aria-busy', 'false');
      this.empty.textContent = '';
      this.empty.hidden = true;
      this.moreButton.hidden = true;
      this.cursor = -1;
      this.groups = {};
      this.input.removeAttribute('aria-activedescendant');
    }

    run(complete) {
      startWorker();
      const query = this.input.value;
      clearTimeout(this.timer);
      if (!query.trim()) { this.clear(); this.close(); return; }
      active = this;
      this.id = nextId++;
      this.clear();
      this.open();
      this.list.dataset.query = query; // which query the list is busy with, then answers (aria-busy false)
      const version = this.select ? this.select.value : '';
      worker.postMessage({ type: 'search', id: this.id, query, complete, version });
    }

    more() {
      Object.entries(this.groups).forEach(([lang, group]) => {
        if (group.shown < group.total) {
          worker.postMessage({ type: 'more', id: this.id, lang, offset: group.shown });
        }
      });
      this.moreButton.hidden = true;
    }

    /** The result links: each is an option itself, as an option may not hold a focusable link (axe: nested-interactive). */
    options() {
      return Array.from(this.list.querySelectorAll('.kb-search__result > [role="option"]'));
    }

    move(delta) {
      const options = this.options();
      if (!options.length) { return; }
      if (this.cursor >= 0 && options[this.cursor]) { options[this.cursor].setAttribute('aria-selected', 'false'); }
      this.cursor = (this.cursor + delta + options.length) % options.length;
      const option = options[this.cursor];
      option.setAttribute('aria-selected', 'true');
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }

    key(event) {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (this.panel.hidden) { this.run(true); } else { this.move(1); }
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        this.move(-1);
      } else if (event.key === 'Escape') {
        if (!this.panel.hidden) { this.close(); } else { this.input.value = ''; }
      } else if (event.key === 'Enter') {
        const option = this.options()[this.cursor];
        if (option) { event.preventDefault(); window.location.href = option.href; }
      }
    }

    begin(message) {
      this.groups[message.lang] = { total: message.total, shown: 0 };
      if (message.primary) {
        const count = message.total === 1 ? t.search_results_one : t.search_results_other;
        this.status.textContent = fill(count, { n: message.total });
        if (message.partial) { this.status.textContent += ` — ${t.search_partial}`; }
      } else {
        const heading = el('li', 'kb-search__group', `${t.search_other_languages} · ${message.lang}`);
        heading.setAttribute('role', 'presentation');
        this.list.appendChild(heading);
        if (!this.list.querySelector('.kb-search__result')) { this.status.textContent = ''; }
      }
    }

    hit(message) {
      const data = message.item;
      let href;
      try {
        href = new URL(data.url, siteRoot);
      } catch {
        return;
      }
      if (href.origin !== window.location.origin) { return; }
      const li = el('li', 'kb-search__result');
      li.setAttribute('role', 'none');
      li.lang = data.lang;
      const a = el('a', 'kb-search__link');
      a.id = `${this.list.id}-${message.lang}-${message.rank}`;
      a.setAttribute('role', 'option');
      a.setAttribute('aria-selected', 'false');
      a.href = href.href;
      const title = el('span', 'kb-search__title');
      appendParts(title, data.title);
      const meta = el('span', 'kb-search__meta');
      meta.appendChild(el('span', 'kb-search__category', data.section || data.category));
      const versions = data.versions.length ? data.versions : [t.all_versions];
      versions.forEach((v) => meta.appendChild(el('span', 'kb-search__version', v)));
      const snippet = el('p', 'kb-search__snippet');
      appendParts(snippet, data.snippet);
      a.append(title, meta, snippet);
      li.appendChild(a);
      this.list.appendChild(li);
      const group = this.groups[message.lang];
      if (group) { group.shown = Math.max(group.shown, message.rank + 1); }
    }

    end() {
      this.moreButton.hidden = !Object.values(this.groups).some((group) => group.shown < group.total);
    }

    finish(message) {
      this.list.setAttribute('aria-busy', 'false');
      if (!message.empty) { return; }
      this.status.textContent = fill(t.search_none, { query: this.input.value });
      this.empty.hidden = false;
      if (message.suggestions && message.suggestions.length) {
        const p = el('p', 'kb-search__suggest', `${t.search_did_you_mean} `);
        message.suggestions.forEach((text, i) => {
          const a = el('a', 'kb-search__suggestion', text);
          a.href = `?q=${encodeURIComponent(text)}`;
          a.addEventListener('click', (event) => {
            event.preventDefault();
            this.input.value = text;
            this.run(true);
          });
          if (i) { p.appendChild(document.createTextNode(' · ')); }
          p.appendChild(a);
        });
        this.empty.appendChild(p);
      }
      // the page's own contact options, in its language; the index's (default language) only for older pages
      const contact = (Array.isArray(t.contact) && t.contact) || (info && info.contact) || [];
      if (contact.length) {
        this.empty.appendChild(el('p', 'kb-search__contact-title', t.search_contact));
        const ul = el('ul', 'kb-search__contact');
        contact.forEach((option) => {
          const url = String(option.url);
          if (!SAFE_URL.test(url) && /^[a-z][a-z0-9+.-]*:/i.test(url)) { return; }
          const li = el('li');
          const a = el('a', null, option.label);
          a.href = SAFE_URL.test(url) ? url : new URL(url, siteRoot).href;
          li.appendChild(a);
          ul.appendChild(li);
        });
        this.empty.appendChild(ul);
      }
    }
  }

  function fillVersions(versions) {
    const remembered = storedVersion();
    instances.forEach((instance) => {
      if (!instance.select || !versions.length) { return; }
      instance.select.textContent = '';
      const all = el('option', null, t.all_versions);
      all.value = '';
      instance.select.appendChild(all);
      versions.forEach((v) => {
        const option = el('option', null, v);
        option.value = v;
        instance.select.appendChild(option);
      });
      instance.select.value = versions.includes(remembered) ? remembered : '';
      instance.select.hidden = false;
      instance.select.closest('.kb-search__filter').hidden = false;
    });
  }

  function receive(message) {
    if (!instances) { early.push(message); return; }
    if (message.type === 'ready') { info = message; fillVersions(message.versions || []); return; }
    if (!active || (message.id && message.id !== active.id)) { return; }
    if (message.type === 'begin') {
      active.begin(message);
    } else if (message.type === 'hit') {
      active.hit(message);
    } else if (message.type === 'end') {
      active.end(message);
    } else if (message.type === 'finish') {
      active.finish(message);
    } else if (message.type === 'error') {
      active.list.setAttribute('aria-busy', 'false');
      active.status.textContent = t.search_error;
    }
  }

  const initial = new URLSearchParams(window.location.search).get('q');
  let initialId = 0;
  if (initial) {
    // Search for ?q= right away; the answers wait in `early` until the results view is wired up.
    startWorker();
    initialId = nextId++;
    worker.postMessage({ type: 'search', id: initialId, query: initial, complete: true, version: storedVersion() });
  }

  const visible = () => instances.find((i) => i.input.offsetParent !== null) || instances[0];

  function wire() {
    instances = Array.from(document.querySelectorAll('form[data-kb-search]'), (form) => new Instance(form));
    document.addEventListener('keydown', (event) => {
      const target = event.target;
      const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === '/' && !typing) {
        event.preventDefault();
        visible().input.focus();
      }
    });
    if (initial) {
      const target = visible();
      target.input.value = initial;
      target.id = initialId;
      active = target;
      target.clear();
      target.open();
    }
    const pending = early;
    early = [];
    pending.forEach(receive);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wire);
  } else {
    wire();
  }
})();
