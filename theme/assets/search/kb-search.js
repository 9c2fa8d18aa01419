/*
 * kbgen search box and results view. Talks to kb-search-worker.js; renders every string with textContent
 * and builds <mark> with createElement, so nothing from the index or the query is ever parsed as HTML.
 * Works with any number of search forms on a page (header bar, home-page box).
 */
(function () {
  'use strict';
  if (window.__kbSearchStarted) { return; }
  window.__kbSearchStarted = true;

  var script = document.currentScript;
  var TEXT = {
    en: { results: ' results', result: ' result', none: 'No results for', partial: 'No article has every word; showing articles with some of them.',
          didYouMean: 'Did you mean:', contact: 'Still need help?', other: 'In other languages', allVersions: 'All versions',
          version: 'Product version', more: 'Show more results', error: 'Search is unavailable right now.', loading: 'Searching…' },
    tr: { results: ' sonuç', result: ' sonuç', none: 'Sonuç bulunamadı:', partial: 'Tüm kelimeleri içeren makale yok; bazılarını içerenler gösteriliyor.',
          didYouMean: 'Bunu mu demek istediniz:', contact: 'Hâlâ yardıma mı ihtiyacınız var?', other: 'Diğer dillerde',
          allVersions: 'Tüm sürümler', version: 'Ürün sürümü', more: 'Daha fazla sonuç göster', error: 'Arama şu anda kullanılamıyor.', loading: 'Aranıyor…' },
    ro: { results: ' rezultate', result: ' rezultat', none: 'Niciun rezultat pentru', partial: 'Niciun articol nu conține toate cuvintele; se afișează articole cu unele dintre ele.',
          didYouMean: 'Ați vrut să spuneți:', contact: 'Mai aveți nevoie de ajutor?', other: 'În alte limbi',
          allVersions: 'Toate versiunile', version: 'Versiunea produsului', more: 'Mai multe rezultate', error: 'Căutarea nu este disponibilă acum.', loading: 'Se caută…' },
    zh: { results: ' 个结果', result: ' 个结果', none: '没有找到结果：', partial: '没有文章包含所有词语；显示包含部分词语的文章。',
          didYouMean: '您是不是要找：', contact: '仍需要帮助？', other: '其他语言', allVersions: '所有版本',
          version: '产品版本', more: '显示更多结果', error: '搜索暂时不可用。', loading: '正在搜索…' }
  };
  var pageLang = (document.documentElement.lang || 'en').toLowerCase();
  var t = TEXT[pageLang.split('-')[0]] || TEXT.en;
  var SAFE_URL = /^(https?:|mailto:|tel:)/i;

  // The script is async: it may run before the page is fully parsed, but its own form (the header box or the
  // home-page box) precedes it, so the worker can start at once while the theme's scripts still load.
  var forms = Array.prototype.slice.call(document.querySelectorAll('form[data-kb-search]'));
  if (!forms.length) { return; }
  var VERSION_FIELD = 'kb-search-version';
  // data-kb-search-root is relative to the page (MkDocs' url filter); without it, assume the theme layout.
  var rootAttr = forms[0].getAttribute('data-kb-search-root');
  var root = rootAttr ? new URL(rootAttr, document.baseURI).href : new URL('../../kb-search/', script.src).href;
  var siteRoot = new URL('../', root).href;
  var worker = null;
  var info = null;
  var nextId = 1;
  var active = null; // the form instance showing the current search

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function appendParts(parent, parts) {
    parts.forEach(function (part) {
      parent.appendChild(part.mark ? el('mark', null, part.text) : document.createTextNode(part.text));
    });
  }

  function storedVersion() {
    try { return window.localStorage.getItem(VERSION_FIELD) || ''; } catch (e) { return ''; }
  }

  function startWorker() {
    if (worker) { return; }
    worker = new Worker(new URL('kb-search-worker.js', script.src).href);
    worker.onmessage = function (event) { receive(event.data || {}); };
    worker.postMessage({ type: 'init', root: root, core: new URL('kb-search-core.js', script.src).href, lang: pageLang });
  }

  function Instance(form) {
    var self = this;
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
    ['focus', 'pointerenter'].forEach(function (name) { self.input.addEventListener(name, startWorker); });
    this.input.addEventListener('input', function () { self.schedule(); });
    this.input.addEventListener('keydown', function (event) { self.key(event); });
    if (this.select) {
      this.select.addEventListener('change', function () {
        try { window.localStorage.setItem(VERSION_FIELD, self.select.value); } catch (e) { /* private mode */ }
        self.run(true);
      });
    }
    form.addEventListener('submit', function (event) { event.preventDefault(); self.run(true); });
    this.moreButton.addEventListener('click', function () { self.more(); });
    document.addEventListener('click', function (event) {
      if (!form.contains(event.target) && form.classList.contains('kb-search--bar')) { self.close(); }
    });
  }

  Instance.prototype.schedule = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.run(false); }, 80);
  };

  Instance.prototype.close = function () {
    this.panel.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  };

  Instance.prototype.clear = function () {
    this.list.textContent = '';
    this.empty.textContent = '';
    this.empty.hidden = true;
    this.moreButton.hidden = true;
    this.cursor = -1;
    this.groups = {};
    this.input.removeAttribute('aria-activedescendant');
  };

  Instance.prototype.run = function (complete) {
    startWorker();
    var query = this.input.value;
    clearTimeout(this.timer);
    if (!query.trim()) { this.clear(); this.close(); return; }
    active = this;
    this.id = nextId++;
    this.clear();
    this.panel.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.status.textContent = t.loading;
    worker.postMessage({ type: 'search', id: this.id, query: query, complete: complete,
                         version: this.select ? this.select.value : '' });
  };

  Instance.prototype.more = function () {
    var self = this;
    Object.keys(this.groups).forEach(function (lang) {
      var group = self.groups[lang];
      if (group.shown < group.total) {
        worker.postMessage({ type: 'more', id: self.id, lang: lang, offset: group.shown });
      }
    });
    this.moreButton.hidden = true;
  };

  Instance.prototype.options = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll('.kb-search__result'));
  };

  Instance.prototype.move = function (delta) {
    var options = this.options();
    if (!options.length) { return; }
    if (this.cursor >= 0 && options[this.cursor]) { options[this.cursor].setAttribute('aria-selected', 'false'); }
    this.cursor = (this.cursor + delta + options.length) % options.length;
    var option = options[this.cursor];
    option.setAttribute('aria-selected', 'true');
    this.input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  };

  Instance.prototype.key = function (event) {
    if (event.key === 'ArrowDown') { event.preventDefault(); if (this.panel.hidden) { this.run(true); } else { this.move(1); } }
    else if (event.key === 'ArrowUp') { event.preventDefault(); this.move(-1); }
    else if (event.key === 'Escape') {
      if (!this.panel.hidden) { this.close(); } else { this.input.value = ''; }
    } else if (event.key === 'Enter') {
      var option = this.options()[this.cursor];
      if (option) { event.preventDefault(); window.location.href = option.querySelector('a').href; }
    }
  };

  Instance.prototype.begin = function (message) {
    var group = { total: message.total, shown: 0 };
    this.groups[message.lang] = group;
    if (message.primary) {
      this.status.textContent = message.total + (message.total === 1 ? t.result : t.results);
      if (message.partial) { this.status.textContent += ' — ' + t.partial; }
    } else {
      var heading = el('li', 'kb-search__group', t.other + ' · ' + message.lang);
      heading.setAttribute('role', 'presentation');
      this.list.appendChild(heading);
      if (!this.list.querySelector('.kb-search__result')) { this.status.textContent = ''; }
    }
  };

  Instance.prototype.hit = function (message) {
    var data = message.item;
    var href;
    try { href = new URL(data.url, siteRoot); } catch (e) { return; }
    if (href.origin !== window.location.origin) { return; }
    var li = el('li', 'kb-search__result');
    li.id = this.list.id + '-' + message.lang + '-' + message.rank;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.lang = data.lang;
    var a = el('a', 'kb-search__link');
    a.href = href.href;
    var title = el('span', 'kb-search__title');
    appendParts(title, data.title);
    var meta = el('span', 'kb-search__meta');
    meta.appendChild(el('span', 'kb-search__category', data.section || data.category));
    var versions = data.versions.length ? data.versions : [t.allVersions];
    versions.forEach(function (v) { meta.appendChild(el('span', 'kb-search__version', v)); });
    var snippet = el('p', 'kb-search__snippet');
    appendParts(snippet, data.snippet);
    a.appendChild(title);
    a.appendChild(meta);
    a.appendChild(snippet);
    li.appendChild(a);
    this.list.appendChild(li);
    var group = this.groups[message.lang];
    if (group) { group.shown = Math.max(group.shown, message.rank + 1); }
  };

  Instance.prototype.end = function () {
    var self = this;
    this.moreButton.hidden = !Object.keys(this.groups).some(function (lang) {
      return self.groups[lang].shown < self.groups[lang].total;
    });
  };

  Instance.prototype.finish = function (message) {
    if (!message.empty) { return; }
    var self = this;
    this.status.textContent = t.none + ' “' + this.input.value + '”';
    this.empty.hidden = false;
    if (message.suggestions && message.suggestions.length) {
      var p = el('p', 'kb-search__suggest', t.didYouMean + ' ');
      message.suggestions.forEach(function (text, i) {
        var a = el('a', 'kb-search__suggestion', text);
        a.href = '?q=' + encodeURIComponent(text);
        a.addEventListener('click', function (event) {
          event.preventDefault();
          self.input.value = text;
          self.run(true);
        });
        if (i) { p.appendChild(document.createTextNode(' · ')); }
        p.appendChild(a);
      });
      this.empty.appendChild(p);
    }
    var contact = (info && info.contact) || [];
    if (contact.length) {
      this.empty.appendChild(el('p', 'kb-search__contact-title', t.contact));
      var ul = el('ul', 'kb-search__contact');
      contact.forEach(function (option) {
        var url = String(option.url);
        if (!SAFE_URL.test(url) && /^[a-z][a-z0-9+.-]*:/i.test(url)) { return; }
        var li = el('li');
        var a = el('a', null, option.label);
        a.href = SAFE_URL.test(url) ? url : new URL(url, siteRoot).href;
        li.appendChild(a);
        ul.appendChild(li);
      });
      this.empty.appendChild(ul);
    }
  };

  function fillVersions(versions) {
    var remembered = storedVersion();
    instances.forEach(function (instance) {
      if (!instance.select || !versions.length) { return; }
      instance.select.textContent = '';
      var all = el('option', null, t.allVersions);
      all.value = '';
      instance.select.appendChild(all);
      versions.forEach(function (v) {
        var option = el('option', null, v);
        option.value = v;
        instance.select.appendChild(option);
      });
      instance.select.value = versions.indexOf(remembered) >= 0 ? remembered : '';
      instance.select.hidden = false;
      instance.select.closest('.kb-search__filter').hidden = false;
    });
  }

  var early = [];
  function receive(message) {
    if (!instances) { early.push(message); return; }
    if (message.type === 'ready') { info = message; fillVersions(message.versions || []); return; }
    if (message.type === 'ranked') { window.__kbSearchRanked = message; return; }
    if (!active || (message.id && message.id !== active.id)) { return; }
    if (message.type === 'begin') { active.begin(message); }
    else if (message.type === 'hit') { active.hit(message); }
    else if (message.type === 'end') { active.end(message); }
    else if (message.type === 'finish') { active.finish(message); }
    else if (message.type === 'error') { active.status.textContent = t.error; }
  }

  var instances = null;
  var initial = new URLSearchParams(window.location.search).get('q');
  var initialId = 0;
  if (initial) {
    // Search for ?q= right away; the answers wait in `early` until the results view is wired up.
    startWorker();
    initialId = nextId++;
    worker.postMessage({ type: 'search', id: initialId, query: initial, complete: true, version: storedVersion() });
  }

  // Test hook: rank a query in the browser exactly as the parity tests rank it in node and Python.
  window.__kbSearchRank = function (lang, query, complete, version) {
    startWorker();
    window.__kbSearchRanked = null;
    worker.postMessage({ type: 'rank', id: -1, lang: lang, query: query, complete: complete, version: version });
  };

  function wire() {
    instances = Array.prototype.slice.call(document.querySelectorAll('form[data-kb-search]'))
      .map(function (form) { return new Instance(form); });
    document.addEventListener('keydown', function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === '/' && !typing) {
        event.preventDefault();
        visible().input.focus();
      }
    });
    if (initial) {
      var target = visible();
      target.input.value = initial;
      target.id = initialId;
      active = target;
      target.clear();
      target.panel.hidden = false;
      target.input.setAttribute('aria-expanded', 'true');
      target.status.textContent = t.loading;
    }
    var pending = early;
    early = [];
    pending.forEach(receive);
  }

  function visible() {
    return instances.filter(function (i) { return i.input.offsetParent !== null; })[0] || instances[0];
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wire);
  } else {
    wire();
  }
}());
