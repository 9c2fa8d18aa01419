/*
 * kbgen search worker: fetches the shards and fragments a query needs, scores with lunr.js (via
 * kb-search-core.js) and posts plain-text results to the page. Independent of mkdocs-material's search UI.
 *
 * Protocol (page -> worker): init {root, core, lang}; search {id, query, complete, version}; more {id, lang,
 * offset}; rank {id, lang, query, complete, version} (tests). Worker -> page: ready, begin, hit, end, finish,
 * error, ranked. Every string sent is plain text; the page renders it with textContent only.
 */
'use strict';

var PAGE = 10;
var MIN_PRIMARY = 3;
var SNIPPET = 180;
var state = { root: null, build: '', ready: null, index: null, pageLang: null, langs: {}, latest: 0, last: {} };

function post(message) { self.postMessage(message); }

function dataUrl(path) { return state.root + path + (state.build ? '?v=' + state.build : ''); }

/** Files are gzip'd JSON, inflated here so any static host serves them small; plain JSON also works. */
function fetchData(url, revalidate) {
  return fetch(url, revalidate ? { cache: 'no-cache' } : {}).then(function (response) {
    if (!response.ok) { throw new Error('HTTP ' + response.status + ' for ' + url); }
    return response.arrayBuffer();
  }).then(function (buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(stream).text();
    }
    return new TextDecoder().decode(bytes);
  }).then(JSON.parse);
}

function pickLang(wanted) {
  var langs = state.index.languages.map(function (l) { return l.lang; });
  var lang = String(wanted || '').toLowerCase();
  if (langs.indexOf(lang) >= 0) { return lang; }
  var primary = lang.split('-')[0];
  for (var i = 0; i < langs.length; i++) { if (langs[i].split('-')[0] === primary) { return langs[i]; } }
  return langs[0] || null;
}

function loadStemmers(key) {
  if ((key === 'tr' || key === 'ro') && !self.lunr[key]) {
    if (!self.lunr.stemmerSupport) { importScripts(state.root + 'lunr/lunr.stemmer.support.js'); }
    importScripts(state.root + 'lunr/lunr.' + key + '.js');
  }
}

function languageFrom(lang) {
  return function (manifest) {
    loadStemmers(manifest.key);
    return new self.KbSearchCore.LanguageIndex(manifest, function (n) {
      return fetchData(dataUrl(lang + '/t/' + n + '.kbs'));
    });
  };
}

function language(lang) {
  if (!state.langs[lang]) {
    state.langs[lang] = fetchData(dataUrl(lang + '/manifest.kbs')).then(languageFrom(lang));
  }
  state.langs[lang].catch(function () { delete state.langs[lang]; });
  return state.langs[lang];
}

function init(message) {
  if (state.ready) { return; }
  state.root = message.root;
  // Start both downloads before importScripts blocks on lunr.js: the page's language manifest is fetched
  // without the build stamp (revalidated instead), so it need not wait for index.json.
  var index = fetchData(state.root + 'index.json', true);
  var wanted = String(message.lang || '').toLowerCase();
  var early = wanted ? fetchData(state.root + wanted + '/manifest.kbs', true) : null;
  if (early) { early.catch(function () { return null; }); }
  importScripts(state.root + 'lunr/lunr.js', message.core);
  state.ready = index.then(function (found) {
    state.index = found;
    state.build = found.build;
    state.pageLang = pickLang(message.lang);
    post({
      type: 'ready',
      lang: state.pageLang,
      languages: found.languages.map(function (l) { return l.lang; }),
      versions: found.versions,
      contact: found.contact
    });
    if (!state.pageLang) { return null; }
    if (early && state.pageLang === wanted) { state.langs[wanted] = early.then(languageFrom(wanted)); }
    return language(state.pageLang);
  });
  state.ready.catch(function (error) { post({ type: 'error', id: 0, message: String(error) }); });
}

function allowedFor(manifest, version) {
  if (!version) { return function () { return true; }; }
  return function (ref) {
    var set = manifest.versionSets[manifest.docVersions[ref]];
    return set.length === 0 || set.indexOf(version) >= 0;
  };
}

function item(lang, index, hit, prefixes, fragment) {
  var core = self.KbSearchCore;
  var key = index.key;
  var title = core.highlight(fragment.t, key, hit.terms, prefixes, 0);
  var snippet = core.highlight(fragment.x || fragment.s, key, hit.terms, prefixes, SNIPPET);
  if (!snippet.marks && fragment.s) { snippet = core.highlight(fragment.s, key, hit.terms, prefixes, SNIPPET); }
  return {
    lang: lang,
    url: fragment.u,
    title: title.parts,
    category: fragment.c,
    section: fragment.p || fragment.c,
    versions: fragment.v,
    snippet: snippet.parts
  };
}

/** Posts hits [offset, offset + PAGE) in rank order, each as soon as it and all before it have arrived. */
function sendPage(id, lang, offset) {
  var entry = state.last[lang];
  return language(lang).then(function (index) {
    var slice = entry.hits.slice(offset, offset + PAGE);
    var items = new Array(slice.length);
    var next = 0;
    return Promise.all(slice.map(function (hit, i) {
      return fetchData(dataUrl(lang + '/d/' + hit.ref + '.kbs')).then(function (fragment) {
        items[i] = item(lang, index, hit, entry.prefixes, fragment);
        while (next < items.length && items[next]) {
          if (id === state.latest) { post({ type: 'hit', id: id, lang: lang, rank: offset + next, item: items[next] }); }
          next += 1;
        }
      });
    }));
  });
}

function suggest(lang, query, missing) {
  return language(lang).then(function (index) {
    if (!index.vocabulary) { index.vocabulary = fetchData(dataUrl(lang + '/vocabulary.kbs')); }
    return index.vocabulary.then(function (vocabulary) {
      var core = self.KbSearchCore;
      var suggestions = [];
      missing.filter(function (w) { return !core.isHan(w); }).slice(0, 3).forEach(function (word) {
        core.closestWords(word, index.key, vocabulary.words, 3).forEach(function (found) {
          var text = query.split(word).join(found[0]);
          if (suggestions.indexOf(text) < 0 && suggestions.length < 5) { suggestions.push(text); }
        });
      });
      return suggestions;
    });
  });
}

function search(message) {
  var id = message.id;
  state.latest = id;
  return state.ready.then(function () {
    var order = [state.pageLang].concat(state.index.languages.map(function (l) { return l.lang; })
      .filter(function (l) { return l !== state.pageLang; }));
    var shown = 0;
    var missing = [];
    var step = function (i) {
      if (i >= order.length || (i > 0 && shown >= MIN_PRIMARY) || id !== state.latest) { return null; }
      var lang = order[i];
      return language(lang).then(function (index) {
        var allowed = allowedFor(index.manifest, message.version);
        return index.search(message.query, { complete: message.complete, allowed: allowed });
      }).then(function (result) {
        if (id !== state.latest) { return null; }
        if (i === 0) { missing = result.missing; }
        state.last[lang] = { hits: result.hits, prefixes: result.prefixes || [] };
        if (!result.hits.length) { return step(i + 1); }
        shown += result.hits.length;
        post({ type: 'begin', id: id, lang: lang, primary: i === 0, total: result.hits.length,
               partial: result.partial });
        return sendPage(id, lang, 0).then(function () {
          post({ type: 'end', id: id, lang: lang });
          return step(i + 1);
        });
      });
    };
    return Promise.resolve(step(0)).then(function () {
      if (id !== state.latest) { return null; }
      if (shown) { post({ type: 'finish', id: id, empty: false }); return null; }
      var words = missing.length ? missing : self.KbSearchCore.words(message.query).map(function (w) { return w[0]; });
      return suggest(state.pageLang, message.query, words).then(function (suggestions) {
        if (id === state.latest) { post({ type: 'finish', id: id, empty: true, suggestions: suggestions }); }
      });
    });
  });
}

function more(message) {
  return state.ready.then(function () {
    return sendPage(message.id, message.lang, message.offset);
  }).then(function () { post({ type: 'end', id: message.id, lang: message.lang }); });
}

function rank(message) {
  return state.ready.then(function () { return language(message.lang); }).then(function (index) {
    return index.search(message.query, {
      complete: message.complete !== false, allowed: allowedFor(index.manifest, message.version)
    });
  }).then(function (result) {
    post({ type: 'ranked', id: message.id, hits: result.hits.map(function (h) { return [h.ref, h.score, h.terms]; }),
           partial: result.partial, missing: result.missing });
  });
}

self.onmessage = function (event) {
  var message = event.data || {};
  var handler = { init: init, search: search, more: more, rank: rank }[message.type];
  if (!handler) { return; }
  try {
    Promise.resolve(handler(message)).catch(function (error) {
      post({ type: 'error', id: message.id || 0, message: String(error && error.message || error) });
    });
  } catch (error) {
    post({ type: 'error', id: message.id || 0, message: String(error && error.message || error) });
  }
};
