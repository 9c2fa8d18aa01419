/*
 * kbgen search core: words, per-language pipelines, query analysis, shard lookup and lunr scoring.
 *
 * The browser half of kbgen/search/{tokenize,languages}.py and of tests/search/reference_search.py, the
 * Python search it is tested against; a Python twin has the same name in snake_case. tests/search runs both
 * on the same text and queries and requires the same tokens and the same ranked results.
 * Loaded by the search worker with importScripts after lunr.js, and by node in the parity tests as
 * `require(path)(lunr)`.
 */
'use strict';

const kbSearchCore = (lunr) => {
  // Han ideographs; the same ranges as HAN_RANGES in tokenize.py.
  const HAN = '\\u2E80-\\u2FDF\\u3005-\\u3007\\u3021-\\u3029\\u3038-\\u303B\\u3400-\\u4DBF\\u4E00-\\u9FFF' +
    '\\uF900-\\uFAFF\\u{20000}-\\u{3FFFF}';
  const WORD = '[\\p{L}\\p{M}\\p{N}]';
  const WORD_RE = new RegExp(`(?:(?=[${HAN}])${WORD})+|(?:(?![${HAN}])${WORD})+`, 'gu');
  const HAN_RE = new RegExp(`^[${HAN}]+$`, 'u');
  const MARKS_RE = /\p{Mn}/gu;
  const FOLD_EXTRA = { 'ı': 'i', 'ł': 'l', 'đ': 'd', 'ø': 'o', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe' };
  const FOLD_EXTRA_RE = /[ıłđøßæœ]/g;
  const MAX_QUERY_CHARS = 256;
  const MAX_WORDS = 12;
  const MIN_PREFIX = 3;
  const MAX_TERM = 8;

  const codePoints = (s) => Array.from(s);

  const isHan = (word) => HAN_RE.test(word);

  /** [word, isHanRun] pairs of NFKC-normalised text (tokenize.words). */
  function words(text) {
    const out = [];
    const normal = text.normalize('NFKC');
    let m;
    WORD_RE.lastIndex = 0;
    while ((m = WORD_RE.exec(normal)) !== null) { out.push([m[0], isHan(m[0])]); }
    return out;
  }

  const fold = (word) => word.normalize('NFD').replace(MARKS_RE, '')
    .replace(FOLD_EXTRA_RE, (c) => FOLD_EXTRA[c]).normalize('NFC');

  function normalizeWord(word, key) {
    let w = word;
    if (key === 'tr') { w = w.replace(/I/g, 'ı').replace(/İ/g, 'i'); }
    w = w.toLowerCase();
    if (key === 'ro') { w = w.replace(/ș/g, 'ş').replace(/ț/g, 'ţ'); }
    return w;
  }

  const stopWords = {};
  /** The manifest carries each language's stop words (with their folded spellings) from Python. */
  function setStopWords(key, list) { stopWords[key] = new Set(list); }

  const lunrStemmer = (fn) => (w) => fn(new lunr.Token(w, {})).toString();

  function stemmerFor(key) {
    if (key === 'en' || key === 'zh') { return lunrStemmer(lunr.stemmer); }
    if (key === 'tr' || key === 'ro') { return lunrStemmer(lunr[key].stemmer); }
    return (w) => w;
  }

  const stemmers = {};
  const processed = new Map();

  /** Index terms for one word: [], [term] or [fold(stem(w)), fold(stem(fold(w)))] (languages.process_word). */
  function processWord(word, key) {
    const cacheKey = `${key}\u0000${word}`;
    const hit = processed.get(cacheKey);
    if (hit) { return hit; }
    const w = normalizeWord(word, key);
    let out;
    if (!w || (stopWords[key] && stopWords[key].has(w))) {
      out = [];
    } else if (isHan(w)) {
      out = [w];
    } else {
      const stem = stemmers[key] || (stemmers[key] = stemmerFor(key));
      const first = fold(stem(w));
      const second = fold(stem(fold(w)));
      out = first === second ? [first] : [first, second];
    }
    if (processed.size > 50000) { processed.clear(); }
    processed.set(cacheKey, out);
    return out;
  }

  const prefixForm = (word, key) => fold(normalizeWord(word, key));

  /** Register kbgen-<key> before lunr.Index.load meets the label in a serialised index. */
  function registerPipeline(key) {
    const label = `kbgen-${key}`;
    if (lunr.Pipeline.registeredFunctions[label]) { return; }
    const fn = (token) => processWord(token.toString(), key).map((term) => token.clone(() => term));
    lunr.Pipeline.registerFunction(fn, label);
  }

  /** reference_search.analyse: one entry per word that can match, {text, terms, prefix, han}. */
  function analyse(query, key, complete) {
    const text = codePoints(String(query)).slice(0, MAX_QUERY_CHARS).join('').normalize('NFKC');
    const found = words(text).slice(0, MAX_WORDS);
    const result = [];
    found.forEach(([word, han], position) => {
      if (han) {
        result.push({ text: word, terms: [], prefix: null, han: word });
        return;
      }
      const terms = processWord(word, key).slice();
      let prefix = null;
      const typing = !complete && position === found.length - 1 && text.endsWith(word);
      if (typing && terms.length) {
        const form = codePoints(prefixForm(word, key));
        if (form.length >= MIN_PREFIX) {
          prefix = form.join('');
          for (let cut = Math.max(4, form.length - 2); cut < form.length; cut++) {
            const shorter = form.slice(0, cut).join('');
            if (!terms.includes(shorter)) { terms.push(shorter); }
          }
        }
      }
      if (terms.length) { result.push({ text: word, terms, prefix, han: null }); }
    });
    return result;
  }

  function queryCandidates(run) {
    const chars = codePoints(run);
    const out = new Set();
    for (let i = 0; i < chars.length; i++) {
      for (let j = i + 1; j <= Math.min(chars.length, i + MAX_TERM); j++) { out.add(chars.slice(i, j).join('')); }
    }
    return Array.from(out).sort();
  }

  /** reference_search.segment_query: greedy longest match against the index's own terms. */
  function segmentQuery(run, hasTerm) {
    const chars = codePoints(run);
    const groups = [];
    let i = 0;
    while (i < chars.length) {
      let end = -1;
      for (let j = Math.min(chars.length, i + MAX_TERM); j > i; j--) {
        if (hasTerm(chars.slice(i, j).join(''))) { end = j; break; }
      }
      if (end < 0) { i += 1; continue; }
      const segment = chars.slice(i, end);
      const alternatives = [segment.join('')];
      for (let a = 0; a < segment.length; a++) {
        for (let b = a + 2; b <= segment.length; b++) {
          const inner = segment.slice(a, b).join('');
          if (!(a === 0 && b === segment.length) && !alternatives.includes(inner) && hasTerm(inner)) {
            alternatives.push(inner);
          }
        }
      }
      groups.push({ terms: alternatives, prefix: null });
      i = end;
    }
    return groups;
  }

  /** The exact terms and the prefixes whose shards a query needs, each sorted and unique. */
  function lookups(analysed) {
    const exact = new Set();
    const prefixes = new Set();
    analysed.forEach((word) => {
      word.terms.forEach((t) => exact.add(t));
      if (word.prefix) { prefixes.add(word.prefix); }
      if (word.han) { queryCandidates(word.han).forEach((t) => exact.add(t)); }
    });
    return { exact: Array.from(exact).sort(), prefixes: Array.from(prefixes).sort() };
  }

  /** reference_search.requirements: resolve words against the index's terms; unmatched words are missing. */
  function requirements(analysed, hasTerm) {
    const needs = [];
    const missing = [];
    analysed.forEach((word) => {
      if (word.han !== null) {
        const groups = segmentQuery(word.han, hasTerm);
        needs.push(...groups);
        if (!groups.length) { missing.push(word.text); }
        return;
      }
      const present = word.terms.filter(hasTerm);
      if (present.length || word.prefix) {
        needs.push({ terms: present, prefix: word.prefix });
      } else {
        missing.push(word.text);
      }
    });
    return { needs, missing };
  }

  const metBy = (need, matched) => matched.some(
    (t) => need.terms.includes(t) || (need.prefix !== null && t.startsWith(need.prefix)),
  );

  const rankKey = (score) => -Math.floor(score * 1e6 + 0.5);

  /** reference_search.finish: version filter, every-word matches, else any-word ones; best first, ties by ref. */
  function finish(raw, needs, missing, allowed) {
    const candidates = raw.filter((hit) => allowed(hit.ref));
    const every = missing.length ? [] : candidates.filter((hit) => needs.every((need) => metBy(need, hit.terms)));
    const chosen = (every.length ? every : candidates).slice()
      .sort((x, y) => (rankKey(x.score) - rankKey(y.score)) || (x.ref - y.ref));
    const partial = every.length ? false : candidates.length > 0;
    return { hits: chosen, partial, missing };
  }

  function shardFor(firsts, term) {
    let lo = 0;
    let hi = firsts.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /** Searches one language: fetches the shards a query needs and scores with lunr over just those terms. */
  class LanguageIndex {
    constructor(manifest, fetchShard) {
      this.manifest = manifest;
      this.key = manifest.key;
      this.fetchShard = fetchShard;
      this.loaded = new Map();
      this.terms = new Map();
      setStopWords(this.key, manifest.stopWords);
      registerPipeline(this.key);
    }

    shardsFor(found) {
      const firsts = this.manifest.shards;
      const needed = new Set();
      if (!firsts.length) { return []; }
      found.exact.forEach((t) => needed.add(shardFor(firsts, t)));
      found.prefixes.forEach((p) => {
        for (let i = shardFor(firsts, p); i <= shardFor(firsts, `${p}\uffff`); i++) { needed.add(i); }
      });
      return Array.from(needed).sort((a, b) => a - b);
    }

    ensure(numbers) {
      return Promise.all(numbers.map((n) => {
        if (!this.loaded.has(n)) {
          this.loaded.set(n, Promise.resolve(this.fetchShard(n)).then((shard) => {
            shard.terms.forEach((entry) => this.terms.set(entry[0], entry));
          }, (error) => { this.loaded.delete(n); throw error; }));
        }
        return this.loaded.get(n);
      }));
    }

    /** A lunr index holding only `relevant` terms, loaded ready-made: lunr never builds anything here. */
    partialIndex(relevant) {
      const fields = this.manifest.fields;
      const vectors = new Map();
      const inverted = relevant.map((entry) => {
        const posting = { _index: entry[1] };
        fields.forEach((field, f) => {
          const flat = entry[2 + f];
          const refs = {};
          let ref = 0;
          for (let i = 0; i < flat.length; i += 2) {
            ref += flat[i];
            refs[ref] = {};
            const fieldRef = `${field}/${ref}`;
            if (!vectors.has(fieldRef)) { vectors.set(fieldRef, []); }
            vectors.get(fieldRef).push([entry[1], flat[i + 1] / 1000]);
          }
          posting[field] = refs;
        });
        return [entry[0], posting];
      });
      const fieldVectors = [];
      vectors.forEach((pairs, fieldRef) => {
        pairs.sort((a, b) => a[0] - b[0]);
        fieldVectors.push([fieldRef, pairs.flat()]);
      });
      return lunr.Index.load({
        version: lunr.version,
        fields,
        fieldVectors,
        invertedIndex: inverted,
        pipeline: this.manifest.pipeline,
      });
    }

    /** Resolves to {hits: [{ref, score, terms}], partial, missing}, as reference_search.search does in Python. */
    search(query, options = {}) {
      const analysed = analyse(query, this.key, options.complete !== false);
      return this.ensure(this.shardsFor(lookups(analysed))).then(() => {
        const hasTerm = (t) => this.terms.has(t);
        const resolved = requirements(analysed, hasTerm);
        const exact = new Set();
        const prefixes = new Set();
        resolved.needs.forEach((need) => {
          need.terms.forEach((t) => exact.add(t));
          if (need.prefix) { prefixes.add(need.prefix); }
        });
        if (!exact.size && !prefixes.size) { return { hits: [], partial: false, missing: resolved.missing }; }
        const relevantTerms = new Set(exact);
        if (prefixes.size) {
          this.terms.forEach((entry, term) => {
            prefixes.forEach((p) => { if (term.startsWith(p)) { relevantTerms.add(term); } });
          });
        }
        const relevant = Array.from(relevantTerms).sort().map((t) => this.terms.get(t));
        const raw = this.partialIndex(relevant).query((q) => {
          Array.from(exact).sort().forEach((t) => q.term(t, { usePipeline: false }));
          Array.from(prefixes).sort().forEach((p) => {
            q.term(p, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
          });
        }).map((r) => ({ ref: Number(r.ref), score: r.score, terms: Object.keys(r.matchData.metadata).sort() }));
        const result = finish(raw, resolved.needs, resolved.missing, options.allowed || (() => true));
        result.prefixes = Array.from(prefixes);
        return result;
      });
    }
  }

  // Where a sentence ends: . ! ? (then closing quotes or brackets, then a space), or a CJK full stop.
  const SENTENCE_END_RE = /[.!?…]['"”’)\]]*\s+|[。！？]\s*/gu;
  const SENTENCE_BEFORE_RE = /(?:[.!?…]['"”’)\]]*\s+|[。！？]\s*)$/u;
  const startsSentence = (text, at) => at === 0 || SENTENCE_BEFORE_RE.test(text.slice(Math.max(0, at - 12), at));
  const LETTER_RE = /[\p{L}\p{M}\p{N}]/u;
  // A boundary between two letters of one non-Han word is inside a token; between Han characters it is not
  // (Chinese is written without spaces, so a run of Han is often a whole sentence).
  const inWord = (c) => c !== undefined && LETTER_RE.test(c) && !HAN_RE.test(c);
  const splitsWord = (text, at) => at > 0 && at < text.length && inWord(text[at - 1]) && inWord(text[at]);

  /**
   * [start, end, startsSentence] of a window of about `width` characters around the densest run of marks.
   * It starts at the beginning of a sentence when one begins shortly before the first mark, else at the start
   * of a word, and ends between words, so no word is ever cut (only a single "word" longer than the window is).
   */
  function snippetWindow(text, marks, width) {
    let best = 0;
    let bestCount = -1;
    marks.forEach((mark, i) => {
      let count = 0;
      for (let j = i; j < marks.length && marks[j][1] <= mark[0] + width; j++) { count++; }
      if (count > bestCount) { bestCount = count; best = mark[0]; }
    });
    let start = -1;
    const reach = Math.floor(width / 2);
    if (best <= reach) {
      start = 0;
    } else {
      SENTENCE_END_RE.lastIndex = 0;
      let m;
      while ((m = SENTENCE_END_RE.exec(text)) !== null && m.index + m[0].length <= best) {
        if (m.index + m[0].length >= best - reach) { start = m.index + m[0].length; }
      }
    }
    if (start < 0) {
      start = Math.max(0, best - Math.floor(width / 5));
      while (start < best && /\s/u.test(text[start])) { start++; }
      while (splitsWord(text, start)) { start--; }
    }
    const floor = text.length - width;
    if (start > floor) {
      // Near the end of the text: start earlier so the window is full, at a sentence if one starts in reach.
      SENTENCE_END_RE.lastIndex = floor;
      const m = SENTENCE_END_RE.exec(text);
      if (m && m.index + m[0].length <= start) {
        start = m.index + m[0].length;
      } else {
        start = floor;
        while (splitsWord(text, start) || /\s/u.test(text[start])) { start++; }
      }
    }
    let end = Math.min(text.length, start + width);
    const fits = (at) => !splitsWord(text, at) && !marks.some(([from, to]) => from < at && at < to);
    let cut = end;
    while (cut > start && !fits(cut)) { cut--; }
    if (cut > start) { end = cut; }
    while (end > start && /\s/u.test(text[end - 1])) { end--; }
    return [start, end, startsSentence(text, start)];
  }

  /** Text split into [{text, mark}] around the words a hit matched, cut to a window of about `width`. */
  function highlight(text, key, matched, prefixes, width) {
    const marks = [];
    const hanTerms = matched.filter(isHan);
    const re = new RegExp(WORD_RE.source, 'gu');
    let m;
    while ((m = re.exec(text)) !== null) {
      const word = m[0];
      const at = m.index;
      if (isHan(word)) {
        hanTerms.forEach((t) => {
          for (let i = word.indexOf(t); i >= 0; i = word.indexOf(t, i + t.length)) {
            marks.push([at + i, at + i + t.length]);
          }
        });
        continue;
      }
      const normal = word.normalize('NFKC');
      const form = prefixForm(normal, key);
      const hit = processWord(normal, key).some((t) => matched.includes(t)) ||
        prefixes.some((p) => form.startsWith(p));
      if (hit) { marks.push([at, at + word.length]); }
    }
    marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let start = 0;
    let end = text.length;
    let atSentence = true;
    if (width && text.length > width) { [start, end, atSentence] = snippetWindow(text, marks, width); }
    const parts = [];
    let pos = start;
    if (start > 0 && !atSentence) { parts.push({ text: '… ', mark: false }); }
    marks.forEach(([from, to]) => {
      if (from < pos || to > end) { return; }
      if (from > pos) { parts.push({ text: text.slice(pos, from), mark: false }); }
      parts.push({ text: text.slice(from, to), mark: true });
      pos = to;
    });
    if (pos < end) { parts.push({ text: text.slice(pos, end), mark: false }); }
    if (text.slice(end).trim()) { parts.push({ text: ' …', mark: false }); }
    return { parts, marks: marks.length };
  }

  /** Optimal-string-alignment distance, capped: returns limit + 1 once it is certainly above limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    let prev2 = null;
    let prev = [];
    for (let j = 0; j <= b.length; j++) { prev.push(j); }
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let rowMin = i;
      for (let k = 1; k <= b.length; k++) {
        const cost = a[i - 1] === b[k - 1] ? 0 : 1;
        let v = Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + cost);
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
    const target = fold(normalizeWord(word, key));
    const limit = codePoints(target).length <= 4 ? 1 : 2;
    const scored = [];
    vocabulary.forEach(([entry, documents]) => {
      const candidate = fold(entry);
      if (candidate === target) { return; }
      const d = distance(candidate, target, limit);
      if (d <= limit) { scored.push([d, -documents, entry]); }
    });
    scored.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
    return scored.slice(0, count).map(([, negated, entry]) => [entry, -negated]);
  }

  return { closestWords, highlight, isHan, LanguageIndex, processWord, setStopWords, words };
};

if (typeof module === 'object' && module.exports) {
  module.exports = kbSearchCore;
} else {
  self.KbSearchCore = kbSearchCore(self.lunr);
}
