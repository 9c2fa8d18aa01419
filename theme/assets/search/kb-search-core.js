/*
 * kbgen search core: words, per-language pipelines, query analysis, shard lookup and lunr scoring.
 *
 * The browser half of kbgen/search/{tokenize,languages,analysis,chinese,query}.py. Every function here has a
 * Python twin with the same name in snake_case; tests/search runs both on the same text and queries and
 * requires the same tokens and the same ranked results. Loaded by the search worker with importScripts after
 * lunr.js, and by node in the parity tests as `require(path)(lunr)`.
 */
(function (root, factory) {
  'use strict';
  if (typeof module === 'object' && module.exports) {
    module.exports = factory;
  } else {
    root.KbSearchCore = factory(root.lunr);
  }
}(typeof self !== 'undefined' ? self : this, function (lunr) {
  'use strict';

  // Han ideographs; the same ranges as HAN_RANGES in tokenize.py.
  var HAN = '\\u2E80-\\u2FDF\\u3005-\\u3007\\u3021-\\u3029\\u3038-\\u303B\\u3400-\\u4DBF\\u4E00-\\u9FFF' +
    '\\uF900-\\uFAFF\\u{20000}-\\u{3FFFF}';
  var WORD = '[\\p{L}\\p{M}\\p{N}]';
  var WORD_RE = new RegExp('(?:(?=[' + HAN + '])' + WORD + ')+|(?:(?![' + HAN + '])' + WORD + ')+', 'gu');
  var HAN_RE = new RegExp('^[' + HAN + ']+$', 'u');
  var MARKS_RE = /\p{Mn}/gu;
  var FOLD_EXTRA = { 'ı': 'i', 'ł': 'l', 'đ': 'd', 'ø': 'o', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe' };
  var FOLD_EXTRA_RE = /[ıłđøßæœ]/g;
  var MAX_QUERY_CHARS = 256;
  var MAX_WORDS = 12;
  var MIN_PREFIX = 3;
  var MAX_TERM = 8;
  var SUPPORTED = ['en', 'ro', 'tr', 'zh'];

  function codePoints(s) { return Array.from(s); }

  function isHan(word) { return HAN_RE.test(word); }

  /** [word, isHanRun] pairs of NFKC-normalised text (tokenize.words). */
  function words(text) {
    var out = [];
    var normal = text.normalize('NFKC');
    var m;
    WORD_RE.lastIndex = 0;
    while ((m = WORD_RE.exec(normal)) !== null) { out.push([m[0], isHan(m[0])]); }
    return out;
  }

  function languageKey(lang) {
    var key = String(lang || '').trim().toLowerCase().replace(/_/g, '-').split('-')[0];
    return SUPPORTED.indexOf(key) >= 0 ? key : 'none';
  }

  function fold(word) {
    return word.normalize('NFD').replace(MARKS_RE, '')
      .replace(FOLD_EXTRA_RE, function (c) { return FOLD_EXTRA[c]; }).normalize('NFC');
  }

  function normalizeWord(word, key) {
    if (key === 'tr') { word = word.replace(/I/g, 'ı').replace(/İ/g, 'i'); }
    word = word.toLowerCase();
    if (key === 'ro') { word = word.replace(/ș/g, 'ş').replace(/ț/g, 'ţ'); }
    return word;
  }

  var stopWords = {};
  /** The manifest carries each language's stop words (with their folded spellings) from Python. */
  function setStopWords(key, list) { stopWords[key] = new Set(list); }

  function lunrStemmer(fn) {
    return function (w) { return fn(new lunr.Token(w, {})).toString(); };
  }

  function stemmerFor(key) {
    if (key === 'en' || key === 'zh') { return lunrStemmer(lunr.stemmer); }
    if (key === 'tr' || key === 'ro') { return lunrStemmer(lunr[key].stemmer); }
    return function (w) { return w; };
  }

  var stemmers = {};
  var processed = new Map();

  /** Index terms for one word: [], [term] or [fold(stem(w)), fold(stem(fold(w)))] (languages.process_word). */
  function processWord(word, key) {
    var cacheKey = key + '\u0000' + word;
    var hit = processed.get(cacheKey);
    if (hit) { return hit; }
    var w = normalizeWord(word, key);
    var out;
    if (!w || (stopWords[key] && stopWords[key].has(w))) {
      out = [];
    } else if (isHan(w)) {
      out = [w];
    } else {
      var stem = stemmers[key] || (stemmers[key] = stemmerFor(key));
      var first = fold(stem(w));
      var second = fold(stem(fold(w)));
      out = first === second ? [first] : [first, second];
    }
    if (processed.size > 50000) { processed.clear(); }
    processed.set(cacheKey, out);
    return out;
  }

  function prefixForm(word, key) { return fold(normalizeWord(word, key)); }

  /** Register kbgen-<key> before lunr.Index.load meets the label in a serialised index. */
  function registerPipeline(key) {
    var label = 'kbgen-' + key;
    if (lunr.Pipeline.registeredFunctions[label]) { return; }
    var fn = function (token) {
      return processWord(token.toString(), key).map(function (term) {
        return token.clone(function () { return term; });
      });
    };
    lunr.Pipeline.registerFunction(fn, label);
  }

  /** analysis.analyse: one entry per word that can match, {text, terms, prefix, han}. */
  function analyse(query, key, complete) {
    var text = codePoints(String(query)).slice(0, MAX_QUERY_CHARS).join('').normalize('NFKC');
    var found = words(text).slice(0, MAX_WORDS);
    var result = [];
    found.forEach(function (pair, position) {
      var word = pair[0];
      if (pair[1]) {
        result.push({ text: word, terms: [], prefix: null, han: word });
        return;
      }
      var terms = processWord(word, key).slice();
      var prefix = null;
      var typing = !complete && position === found.length - 1 && text.endsWith(word);
      if (typing && terms.length) {
        var form = codePoints(prefixForm(word, key));
        if (form.length >= MIN_PREFIX) {
          prefix = form.join('');
          for (var cut = Math.max(4, form.length - 2); cut < form.length; cut++) {
            var shorter = form.slice(0, cut).join('');
            if (terms.indexOf(shorter) < 0) { terms.push(shorter); }
          }
        }
      }
      if (terms.length) { result.push({ text: word, terms: terms, prefix: prefix, han: null }); }
    });
    return result;
  }

  function queryCandidates(run) {
    var chars = codePoints(run);
    var out = new Set();
    for (var i = 0; i < chars.length; i++) {
      for (var j = i + 1; j <= Math.min(chars.length, i + MAX_TERM); j++) { out.add(chars.slice(i, j).join('')); }
    }
    return Array.from(out).sort();
  }

  /** chinese.segment_query: greedy longest match against the index's own terms. */
  function segmentQuery(run, hasTerm) {
    var chars = codePoints(run);
    var groups = [];
    var i = 0;
    while (i < chars.length) {
      var end = -1;
      for (var j = Math.min(chars.length, i + MAX_TERM); j > i; j--) {
        if (hasTerm(chars.slice(i, j).join(''))) { end = j; break; }
      }
      if (end < 0) { i += 1; continue; }
      var segment = chars.slice(i, end);
      var alternatives = [segment.join('')];
      for (var a = 0; a < segment.length; a++) {
        for (var b = a + 2; b <= segment.length; b++) {
          var inner = segment.slice(a, b).join('');
          if (!(a === 0 && b === segment.length) && alternatives.indexOf(inner) < 0 && hasTerm(inner)) {
            alternatives.push(inner);
          }
        }
      }
      groups.push({ terms: alternatives, prefix: null });
      i = end;
    }
    return groups;
  }

  function lookups(analysed) {
    var exact = new Set();
    var prefixes = new Set();
    analysed.forEach(function (word) {
      word.terms.forEach(function (t) { exact.add(t); });
      if (word.prefix) { prefixes.add(word.prefix); }
      if (word.han) { queryCandidates(word.han).forEach(function (t) { exact.add(t); }); }
    });
    return { exact: Array.from(exact).sort(), prefixes: Array.from(prefixes).sort() };
  }

  /** query.requirements: resolve words against the index's terms; unmatched words are missing. */
  function requirements(analysed, hasTerm) {
    var needs = [];
    var missing = [];
    analysed.forEach(function (word) {
      if (word.han !== null) {
        var groups = segmentQuery(word.han, hasTerm);
        groups.forEach(function (g) { needs.push(g); });
        if (!groups.length) { missing.push(word.text); }
        return;
      }
      var present = word.terms.filter(hasTerm);
      if (present.length || word.prefix) {
        needs.push({ terms: present, prefix: word.prefix });
      } else {
        missing.push(word.text);
      }
    });
    return { needs: needs, missing: missing };
  }

  function metBy(need, matched) {
    return matched.some(function (t) {
      return need.terms.indexOf(t) >= 0 || (need.prefix !== null && t.startsWith(need.prefix));
    });
  }

  function rankKey(score) { return -Math.floor(score * 1e6 + 0.5); }

  /** query.finish: version filter, every-word matches, else any-word matches; best first, ties by ref. */
  function finish(raw, needs, missing, allowed) {
    var candidates = raw.filter(function (hit) { return allowed(hit.ref); });
    var every = missing.length ? [] : candidates.filter(function (hit) {
      return needs.every(function (need) { return metBy(need, hit.terms); });
    });
    var chosen = every.length ? every : candidates;
    var partial = every.length ? false : candidates.length > 0;
    chosen = chosen.slice().sort(function (x, y) {
      return (rankKey(x.score) - rankKey(y.score)) || (x.ref - y.ref);
    });
    return { hits: chosen, partial: partial, missing: missing };
  }

  function shardFor(firsts, term) {
    var lo = 0;
    var hi = firsts.length - 1;
    var found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /** Searches one language: fetches the shards a query needs and scores with lunr over just those terms. */
  function LanguageIndex(manifest, fetchShard) {
    this.manifest = manifest;
    this.key = manifest.key;
    this.fetchShard = fetchShard;
    this.loaded = new Map();
    this.terms = new Map();
    setStopWords(this.key, manifest.stopWords);
    registerPipeline(this.key);
  }

  LanguageIndex.prototype.shardsFor = function (found) {
    var firsts = this.manifest.shards;
    var needed = new Set();
    if (!firsts.length) { return []; }
    found.exact.forEach(function (t) { needed.add(shardFor(firsts, t)); });
    found.prefixes.forEach(function (p) {
      for (var i = shardFor(firsts, p); i <= shardFor(firsts, p + '\uffff'); i++) { needed.add(i); }
    });
    return Array.from(needed).sort(function (a, b) { return a - b; });
  };

  LanguageIndex.prototype.ensure = function (numbers) {
    var self = this;
    return Promise.all(numbers.map(function (n) {
      if (!self.loaded.has(n)) {
        self.loaded.set(n, Promise.resolve(self.fetchShard(n)).then(function (shard) {
          shard.terms.forEach(function (entry) { self.terms.set(entry[0], entry); });
        }, function (error) { self.loaded.delete(n); throw error; }));
      }
      return self.loaded.get(n);
    }));
  };

  /** A lunr index holding only `relevant` terms, loaded ready-made: lunr never builds anything here. */
  LanguageIndex.prototype.partialIndex = function (relevant) {
    var fields = this.manifest.fields;
    var vectors = new Map();
    var inverted = relevant.map(function (entry) {
      var posting = { _index: entry[1] };
      fields.forEach(function (field, f) {
        var flat = entry[2 + f];
        var refs = {};
        var ref = 0;
        for (var i = 0; i < flat.length; i += 2) {
          ref += flat[i];
          refs[ref] = {};
          var fieldRef = field + '/' + ref;
          if (!vectors.has(fieldRef)) { vectors.set(fieldRef, []); }
          vectors.get(fieldRef).push([entry[1], flat[i + 1] / 1000]);
        }
        posting[field] = refs;
      });
      return [entry[0], posting];
    });
    var fieldVectors = [];
    vectors.forEach(function (pairs, fieldRef) {
      pairs.sort(function (a, b) { return a[0] - b[0]; });
      var elements = [];
      pairs.forEach(function (p) { elements.push(p[0], p[1]); });
      fieldVectors.push([fieldRef, elements]);
    });
    return lunr.Index.load({
      version: lunr.version,
      fields: fields,
      fieldVectors: fieldVectors,
      invertedIndex: inverted,
      pipeline: this.manifest.pipeline
    });
  };

  /** Resolves to {hits: [{ref, score, terms}], partial, missing}, as query.search does in Python. */
  LanguageIndex.prototype.search = function (query, options) {
    var self = this;
    var opts = options || {};
    var analysed = analyse(query, this.key, opts.complete !== false);
    var found = lookups(analysed);
    return this.ensure(this.shardsFor(found)).then(function () {
      var hasTerm = function (t) { return self.terms.has(t); };
      var resolved = requirements(analysed, hasTerm);
      var exact = new Set();
      var prefixes = new Set();
      resolved.needs.forEach(function (need) {
        need.terms.forEach(function (t) { exact.add(t); });
        if (need.prefix) { prefixes.add(need.prefix); }
      });
      if (!exact.size && !prefixes.size) { return { hits: [], partial: false, missing: resolved.missing }; }
      var relevantTerms = new Set(exact);
      if (prefixes.size) {
        self.terms.forEach(function (entry, term) {
          prefixes.forEach(function (p) { if (term.startsWith(p)) { relevantTerms.add(term); } });
        });
      }
      var relevant = Array.from(relevantTerms).sort().map(function (t) { return self.terms.get(t); });
      var index = self.partialIndex(relevant);
      var raw = index.query(function (q) {
        Array.from(exact).sort().forEach(function (t) { q.term(t, { usePipeline: false }); });
        Array.from(prefixes).sort().forEach(function (p) {
          q.term(p, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        });
      }).map(function (r) {
        return { ref: Number(r.ref), score: r.score, terms: Object.keys(r.matchData.metadata).sort() };
      });
      var allowed = opts.allowed || function () { return true; };
      var result = finish(raw, resolved.needs, resolved.missing, allowed);
      result.prefixes = Array.from(prefixes);
      return result;
    });
  };

  /** Text split into [{text, mark}] around the words a hit matched, cut to a window of about `width`. */
  function highlight(text, key, matched, prefixes, width) {
    var marks = [];
    var hanTerms = matched.filter(isHan);
    var m;
    var re = new RegExp(WORD_RE.source, 'gu');
    while ((m = re.exec(text)) !== null) {
      var word = m[0];
      if (isHan(word)) {
        hanTerms.forEach(function (t) {
          var at = word.indexOf(t);
          while (at >= 0) { marks.push([m.index + at, m.index + at + t.length]); at = word.indexOf(t, at + t.length); }
        });
        continue;
      }
      var normal = word.normalize('NFKC');
      var terms = processWord(normal, key);
      var form = prefixForm(normal, key);
      var hit = terms.some(function (t) { return matched.indexOf(t) >= 0; }) ||
        prefixes.some(function (p) { return form.startsWith(p); });
      if (hit) { marks.push([m.index, m.index + word.length]); }
    }
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var start = 0;
    var end = text.length;
    if (width && text.length > width) {
      var best = 0;
      var bestCount = -1;
      marks.forEach(function (mark, i) {
        var count = 0;
        for (var j = i; j < marks.length && marks[j][1] <= mark[0] + width; j++) { count++; }
        if (count > bestCount) { bestCount = count; best = mark[0]; }
      });
      start = Math.max(0, best - Math.floor(width / 5));
      var space = text.lastIndexOf(' ', start);
      if (start > 0 && space >= 0 && start - space < 20) { start = space + 1; }
      end = Math.min(text.length, start + width);
      var after = text.indexOf(' ', end);
      if (end < text.length && after >= 0 && after - end < 20) { end = after; }
    }
    var parts = [];
    var pos = start;
    if (start > 0) { parts.push({ text: '… ', mark: false }); }
    marks.forEach(function (mark) {
      if (mark[0] < pos || mark[1] > end) { return; }
      if (mark[0] > pos) { parts.push({ text: text.slice(pos, mark[0]), mark: false }); }
      parts.push({ text: text.slice(mark[0], mark[1]), mark: true });
      pos = mark[1];
    });
    if (pos < end) { parts.push({ text: text.slice(pos, end), mark: false }); }
    if (end < text.length) { parts.push({ text: ' …', mark: false }); }
    return { parts: parts, marks: marks.length };
  }

  /** Optimal-string-alignment distance, capped: returns limit + 1 once it is certainly above limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) { prev.push(j); }
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var rowMin = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var v = Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + cost);
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          v = Math.min(v, prev2[k - 2] + 1);
        }
        row.push(v);
        if (v < rowMin) { rowMin = v; }
      }
      if (rowMin > limit) { return limit + 1; }
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /** Closest indexed words to a word that matched nothing: [[word, documentCount], ...] best first. */
  function closestWords(word, key, vocabulary, count) {
    var target = fold(normalizeWord(word, key));
    var limit = codePoints(target).length <= 4 ? 1 : 2;
    var scored = [];
    vocabulary.forEach(function (entry) {
      var candidate = fold(entry[0]);
      if (candidate === target) { return; }
      var d = distance(candidate, target, limit);
      if (d <= limit) { scored.push([d, -entry[1], entry[0]]); }
    });
    scored.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0); });
    return scored.slice(0, count).map(function (s) { return [s[2], -s[1]]; });
  }

  return {
    analyse: analyse,
    closestWords: closestWords,
    fold: fold,
    highlight: highlight,
    isHan: isHan,
    languageKey: languageKey,
    LanguageIndex: LanguageIndex,
    lookups: lookups,
    processWord: processWord,
    queryCandidates: queryCandidates,
    registerPipeline: registerPipeline,
    segmentQuery: segmentQuery,
    setStopWords: setStopWords,
    shardFor: shardFor,
    words: words
  };
}));
