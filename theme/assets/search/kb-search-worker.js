/*
 * kbgen search worker: fetches the shards and fragments a query needs, scores as lunr.js does (via
 * kb-search-core.js) and posts plain-text results to the page. Independent of mkdocs-material's search UI.
 *
 * Protocol (page -> worker): init {root, core, lang}; search {id, query, complete, version}; more {id, lang,
 * offset}. Worker -> page: ready, begin, hit, end, finish, error. Every string sent is plain text; the page
 * renders it with textContent only.
 */
'use strict';

const PAGE = 10;
const MIN_PRIMARY = 3;
const SNIPPET = 180;
const state = { root: null, ready: null, index: null, pageLang: null, langs: {}, latest: 0, last: {} };

const post = (message) => self.postMessage(message);

/**
 * Every file but index.json and the language manifests is named by its content and listed in its language's
 * manifest, so it is fetched from any cache as is; the manifests themselves are always revalidated.
 */
const dataUrl = (lang, folder, name) => `${state.root}immutable/${lang}/${folder}/${name}.kbs`;
const manifestUrl = (lang) => `${state.root}${lang}/manifest.kbs`;
/** File n of a kind (t term shards, h titles, n neighbourhood shards, d fragments) is named by its group's name. */
const groupedUrl = (lang, manifest, kind, n) => {
  const group = manifest.files[kind][Math.floor(n / manifest.fileGroups[kind])];
  return dataUrl(lang, kind, `${group}-${n}`);
};

const languageCodes = () => state.index.languages.map((l) => l.lang);

/** Files are gzip'd, inflated here so any static host serves them small; plain files also work. JSON unless
 * `raw`: then the bytes (a term shard, which the core reads). */
function fetchData(url, revalidate, raw = false) {
  return fetch(url, revalidate ? { cache: 'no-cache' } : {}).then((response) => {
    if (!response.ok) {
      const error = new Error(`HTTP ${response.status} for ${url}`);
      // A file the manifest names is gone: the site was deployed again since the manifest was read.
      error.gone = response.status === 404 || response.status === 410;
      throw error;
    }
    return response.arrayBuffer();
  }).then((buffer) => {
    const bytes = new Uint8Array(buffer);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(stream).arrayBuffer().then((inflated) => new Uint8Array(inflated));
    }
    return bytes;
  }).then((bytes) => (raw ? bytes : JSON.parse(new TextDecoder().decode(bytes))));
}

/** A language's single file of a kind (v vocabulary, r versions), fetched once as the core fetches its shards
 * (LanguageIndex.once): after a failure, again next time. */
function fetchOnce(lang, index, kind) {
  const held = index.single || (index.single = new Map());
  return self.KbSearchCore.LanguageIndex.once(held, kind, () => fetchData(dataUrl(lang, kind, index.manifest.files[kind])),
    (data) => data);
}

function pickLang(wanted) {
  const langs = languageCodes();
  const lang = String(wanted || '').toLowerCase();
  if (langs.includes(lang)) { return lang; }
  const primary = lang.split('-')[0];
  return langs.find((l) => l.split('-')[0] === primary) || langs[0] || null;
}

function loadStemmers(key) {
  if (key === 'ro' && !self.lunr[key]) { // kb-search-core.js stems Turkish itself
    if (!self.lunr.stemmerSupport) { importScripts(`${state.root}lunr/lunr.stemmer.support.js`); }
    importScripts(`${state.root}lunr/lunr.${key}.js`);
  }
}

const languageFrom = (lang) => (manifest) => {
  loadStemmers(manifest.key);
  return new self.KbSearchCore.LanguageIndex(
    manifest,
    (n) => fetchData(groupedUrl(lang, manifest, 't', n), false, true),
    (n) => fetchData(groupedUrl(lang, manifest, 'n', n)),
    (n) => fetchData(groupedUrl(lang, manifest, 'h', n)),
    (n) => fetchData(groupedUrl(lang, manifest, 'w', n), false, true),
  );
};

function language(lang) {
  if (!state.langs[lang]) {
    state.langs[lang] = fetchData(manifestUrl(lang), true).then(languageFrom(lang));
  }
  state.langs[lang].catch(() => { delete state.langs[lang]; });
  return state.langs[lang];
}

/**
 * Runs `work(index)`; when a file its manifest names is gone (a deploy since), forgets the language and runs
 * it once more against the new manifest, so a reader never mixes two builds and never sees the error.
 */
function withLanguage(lang, work) {
  const attempt = () => language(lang).then(work);
  return attempt().catch((error) => {
    if (!error || !error.gone) { throw error; }
    delete state.langs[lang];
    return attempt();
  });
}

function init(message) {
  if (state.ready) { return; }
  state.root = message.root;
  // Start both downloads before importScripts blocks on lunr.js: the page's language manifest need not wait
  // for index.json.
  const index = fetchData(`${state.root}index.json`, true);
  const wanted = String(message.lang || '').toLowerCase();
  const early = wanted ? fetchData(manifestUrl(wanted), true) : null;
  if (early) { early.catch(() => null); }
  importScripts(`${state.root}lunr/lunr.js`, message.core);
  state.ready = index.then((found) => {
    state.index = found;
    state.pageLang = pickLang(message.lang);
    post({
      type: 'ready',
      lang: state.pageLang,
      languages: languageCodes(),
      versions: found.versions,
      contact: found.contact,
    });
    if (!state.pageLang) { return null; }
    if (early && state.pageLang === wanted) { state.langs[wanted] = early.then(languageFrom(wanted)); }
    return language(state.pageLang);
  });
  state.ready.catch((error) => post({ type: 'error', id: 0, message: String(error) }));
}

/** Resolves to which refs a version filter keeps (null: no filter); the versions file is fetched on first use. */
function allowedFor(lang, index, version) {
  if (!version) { return Promise.resolve(null); }
  return fetchOnce(lang, index, 'r').then(({ docVersions, versionSets }) => (ref) => {
    const set = versionSets[docVersions[ref]];
    return set.length === 0 || set.includes(version);
  });
}

function item(lang, index, hit, prefixes, fragment) {
  const core = self.KbSearchCore;
  const key = index.key;
  const title = core.highlight(fragment.t, key, hit.terms, prefixes, 0);
  let snippet = core.highlight(fragment.x || fragment.s, key, hit.terms, prefixes, SNIPPET);
  if (!snippet.marks && fragment.s) { snippet = core.highlight(fragment.s, key, hit.terms, prefixes, SNIPPET); }
  return {
    lang,
    url: fragment.u,
    title: title.parts,
    category: fragment.c,
    section: fragment.p || fragment.c,
    versions: fragment.v,
    snippet: snippet.parts,
  };
}

/** Posts hits [offset, offset + PAGE) in rank order, each as soon as it and all before it have arrived. */
function sendPage(id, lang, offset) {
  const entry = state.last[lang];
  const index = entry.index; // the build the hits came from: its refs name its fragments
  const slice = entry.hits.slice(offset, offset + PAGE);
  const items = new Array(slice.length);
  let next = 0;
  return Promise.all(slice.map((hit, i) => fetchData(groupedUrl(lang, index.manifest, 'd', hit.ref)).then((fragment) => {
    items[i] = item(lang, index, hit, entry.prefixes, fragment);
    while (next < items.length && items[next]) {
      if (id === state.latest) { post({ type: 'hit', id, lang, rank: offset + next, item: items[next] }); }
      next += 1;
    }
  }))).catch((error) => {
    // Hits already shown cannot be taken back; the next search reads the new manifest.
    if (error && error.gone) { delete state.langs[lang]; }
    throw error;
  });
}

function suggest(lang, query, missing) {
  return withLanguage(lang, (index) => fetchOnce(lang, index, 'v').then((vocabulary) => {
    const core = self.KbSearchCore;
    const suggestions = [];
    missing.filter((w) => !core.isHan(w)).slice(0, 3).forEach((word) => {
      core.closestWords(word, index.key, vocabulary.words, 3).forEach(([found]) => {
        const text = query.split(word).join(found);
        if (!suggestions.includes(text) && suggestions.length < 5) { suggestions.push(text); }
      });
    });
    return suggestions;
  }));
}

function search(message) {
  const id = message.id;
  state.latest = id;
  return state.ready.then(() => {
    const order = [state.pageLang, ...languageCodes().filter((l) => l !== state.pageLang)];
    let shown = 0;
    let missing = [];
    const step = (i) => {
      if (i >= order.length || (i > 0 && shown >= MIN_PRIMARY) || id !== state.latest) { return null; }
      const lang = order[i];
      return withLanguage(lang, (index) => allowedFor(lang, index, message.version)
        .then((allowed) => index.search(message.query, { complete: message.complete, allowed, exactFirst: PAGE }))
        .then((result) => ({ index, result }))).then(({ index, result }) => {
        if (id !== state.latest) { return null; }
        if (i === 0) { missing = result.missing; }
        const entry = { hits: result.hits, prefixes: result.prefixes || [], index, settled: Promise.resolve() };
        state.last[lang] = entry;
        if (!result.hits.length) { return step(i + 1); }
        shown += result.hits.length;
        post({ type: 'begin', id, lang, primary: i === 0, total: result.hits.length, partial: result.partial });
        return sendPage(id, lang, 0).then(() => {
          post({ type: 'end', id, lang });
          if (result.settle) { // only the first page was certain: the rest is ranked once the tails are here
            entry.settled = result.settle().then((exact) => { entry.hits = exact.hits; }, (error) => {
              if (error && error.gone) { delete state.langs[lang]; }
              throw error;
            });
            entry.settled.catch(() => null);
          }
          return step(i + 1);
        });
      });
    };
    return Promise.resolve(step(0)).then(() => {
      if (id !== state.latest) { return null; }
      if (shown) { post({ type: 'finish', id, empty: false }); return null; }
      const words = missing.length ? missing : self.KbSearchCore.words(message.query).map(([w]) => w);
      return suggest(state.pageLang, message.query, words).then((suggestions) => {
        if (id === state.latest) { post({ type: 'finish', id, empty: true, suggestions }); }
      });
    });
  });
}

function more(message) {
  return state.ready
    .then(() => state.last[message.lang].settled)
    .then(() => sendPage(message.id, message.lang, message.offset))
    .then(() => post({ type: 'end', id: message.id, lang: message.lang }));
}

const handlers = { init, search, more };
const fail = (message, error) => post({
  type: 'error', id: message.id || 0, message: String((error && error.message) || error),
});

self.onmessage = (event) => {
  const message = event.data || {};
  const handler = handlers[message.type];
  if (!handler) { return; }
  try {
    Promise.resolve(handler(message)).catch((error) => fail(message, error));
  } catch (error) {
    fail(message, error);
  }
};
