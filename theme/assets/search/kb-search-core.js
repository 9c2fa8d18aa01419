/*
 * kbgen search core: words, per-language pipelines, query analysis (synonyms, title keys), typo corrections
 * from the neighbourhood shards, shard lookup and lunr's scoring, computed on the shards' flat postings.
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
  const MAX_WORDS = 12; // informative words a query is read up to (informativeWords)
  const MIN_PREFIX = 3;
  const MAX_TERM = 8;
  // Typo corrections (kbgen/search/typos.py and reference_search.py hold the same numbers).
  const ONE_EDIT_FROM = 5;
  const TWO_EDITS_FROM = 9;
  const MAX_CORRECTIONS = 3;
  const CORRECTION_BOOST = 0.3;
  const POOR_DOCUMENTS = 1;
  const HAN_AROUND = 3;

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

  // Turkish stemming (kbgen/search/stem_tr.py holds the same endings and rules): an ending -> what must come
  // before it: v a vowel, p the vowel of a possessive (i, u), c a consonant, d a vowel or a voiced consonant,
  // t a voiceless consonant, a anything.
  const TR_ENDINGS = {
    lar: 'a', ler: 'a', i: 'c', u: 'c', a: 'c', e: 'c', im: 'c', um: 'c', imiz: 'c', umuz: 'c', iniz: 'c', unuz: 'c',
    si: 'v', su: 'v', miz: 'v', muz: 'v', niz: 'v', nuz: 'v', yi: 'v', yu: 'v', ya: 'v', ye: 'v', nin: 'v', nun: 'v',
    yla: 'v', yle: 'v', ni: 'p', nu: 'p', na: 'p', ne: 'p', nda: 'p', nde: 'p', ndan: 'p', nden: 'p', ndaki: 'p',
    ndeki: 'p', in: 'c', un: 'c', da: 'd', de: 'd', dan: 'd', den: 'd', daki: 'd', deki: 'd', ta: 't', te: 't',
    tan: 't', ten: 't', taki: 't', teki: 't', yin: 'v', yun: 'v', yiniz: 'v', yunuz: 'v', ilir: 'c', ulur: 'c',
    inir: 'c', unur: 'c', nir: 'v', nur: 'v', ma: 'a', me: 'a', mak: 'a', mek: 'a',
  };
  const TR_SHORT = new Set(['ma', 'me', 'mak', 'mek', 'iniz', 'unuz', 'yin', 'yun', 'yiniz', 'yunuz', 'in', 'un',
    'ilir', 'ulur', 'inir', 'unur', 'nir', 'nur', 'lar', 'ler']);
  // a verb of two letters keeps them under its imperative, verbal noun and infinitive (açın, açma, açmak); not ürün
  const TR_VERB_ENDINGS = new Set(['in', 'un', 'ma', 'me', 'mak', 'mek']);
  const TR_TWO_LETTER_ROOTS = new Set(['aç', 'ac', 'al', 'at', 'ol', 'et']); // ac: aç typed without its mark
  const TR_MIN_STEM = 4;
  const TR_MIN_SHORT = 3;
  const TR_VOWELS = 'aeiou';
  const TR_VOICELESS = 'cçfhkpsşt';
  const TR_VOWEL_MARKS = { 'ı': 'i', 'ö': 'o', 'ü': 'u', 'â': 'a', 'î': 'i', 'û': 'u', 'ô': 'o' };
  const TR_HARD = { b: 'p', d: 't', g: 'k', 'ğ': 'k', c: 'ç' };
  const TR_BY_LAST = {};
  Object.keys(TR_ENDINGS).sort().forEach((e) => {
    const last = e[e.length - 1];
    TR_BY_LAST[last] = [...(TR_BY_LAST[last] || []), e];
  });

  function trFits(before, rule) {
    if (rule === 'a') { return true; }
    if (TR_VOWELS.includes(before)) { return rule === 'v' || rule === 'd' || (rule === 'p' && 'iu'.includes(before)); }
    return rule === 'c' || (rule === 'd' && !TR_VOICELESS.includes(before)) ||
      (rule === 't' && TR_VOICELESS.includes(before));
  }

  /** stem_tr._shorter: the words (as code point arrays) one ending shorter than `chars`. */
  function trShorter(chars) {
    const found = [];
    (TR_BY_LAST[chars[chars.length - 1]] || []).forEach((ending) => {
      const rest = chars.length - ending.length;
      if (rest < 0 || chars.slice(rest).join('') !== ending) { return; }
      if (rest < (TR_SHORT.has(ending) ? TR_MIN_SHORT : TR_MIN_STEM) &&
        !(TR_VERB_ENDINGS.has(ending) && TR_TWO_LETTER_ROOTS.has(chars.slice(0, rest).join('')))) {
        return;
      }
      const stem = chars.slice(0, rest);
      if (trFits(stem[rest - 1], TR_ENDINGS[ending]) && stem.some((c) => TR_VOWELS.includes(c))) { found.push(stem); }
    });
    return found;
  }

  /** stem_tr.stem_tr: the shortest word a lower-case Turkish word's endings can be stripped to, hardened. */
  function turkishStem(word) {
    const chars = codePoints(word).map((c) => TR_VOWEL_MARKS[c] || c);
    let shortest = chars;
    const seen = new Set([chars.join('')]);
    const todo = [chars];
    while (todo.length) {
      trShorter(todo.pop()).forEach((stem) => {
        const text = stem.join('');
        if (seen.has(text)) { return; }
        seen.add(text);
        todo.push(stem);
        if (stem.length < shortest.length) { shortest = stem; }
      });
    }
    const last = shortest[shortest.length - 1];
    const hard = Object.prototype.hasOwnProperty.call(TR_HARD, last) ? TR_HARD[last] : null;
    return (hard ? [...shortest.slice(0, -1), hard] : shortest).join('');
  }

  function stemmerFor(key) {
    if (key === 'en' || key === 'zh') { return lunrStemmer(lunr.stemmer); }
    if (key === 'tr') { return turkishStem; }
    if (key === 'ro') { return lunrStemmer(lunr.ro.stemmer); }
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
    if (!w || (stopWords[key] && (stopWords[key].has(w) || stopWords[key].has(fold(w))))) {
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

  const maxEdits = (length) => (length >= TWO_EDITS_FROM ? 2 : length >= ONE_EDIT_FROM ? 1 : 0);

  /** titles.key_from_parts: sorted unique folded terms, then the Han runs run together. */
  function keyFromParts(terms, han) {
    const parts = Array.from(new Set(terms)).sort();
    const joined = han.join('');
    if (joined) { parts.push(joined); }
    return parts.join(' ');
  }

  /**
   * reference_search.around_keys: title keys of the query with one word of its own left out (a term, the Han text,
   * or up to HAN_AROUND characters at either end of it), two words at least kept, sorted.
   */
  function aroundKeys(terms, han) {
    const unique = Array.from(new Set(terms)).sort();
    const joined = codePoints(han.join(''));
    const found = new Set();
    if (unique.length + (joined.length ? 1 : 0) >= 3) {
      unique.forEach((left) => found.add(keyFromParts(unique.filter((t) => t !== left), han)));
    }
    if (unique.length >= 2 && joined.length) { found.add(keyFromParts(unique, [])); }
    for (let cut = 1; cut <= HAN_AROUND; cut++) {
      if (joined.length - cut >= 2) {
        found.add(keyFromParts(unique, [joined.slice(cut).join('')]));
        found.add(keyFromParts(unique, [joined.slice(0, joined.length - cut).join('')]));
      }
    }
    found.delete(keyFromParts(unique, han));
    found.delete('');
    return Array.from(found).sort();
  }

  /** reference_search.word_key: what a query word is matched on against synonym phrases. */
  function wordKey(word, key) {
    const terms = processWord(word, key);
    return terms.length ? terms[terms.length - 1] : prefixForm(word, key);
  }

  /** reference_search.split_han: a Han run cut around the Han synonym phrases it contains. */
  function splitHan(run, pieces) {
    const out = [];
    let start = 0;
    let i = 0;
    while (i < run.length) {
      const piece = pieces.find((p) => run.startsWith(p, i));
      if (piece === undefined) { i += 1; continue; }
      if (start < i) { out.push(run.slice(start, i)); }
      out.push(piece);
      i += piece.length;
      start = i;
    }
    if (start < run.length) { out.push(run.slice(start)); }
    return out;
  }

  /** reference_search.plain_word. */
  function plainWord(word, han, typing, key) {
    if (han) {
      // a Han word being typed ends on the first character of the next word (not a stop word): a prefix
      const last = codePoints(word).pop();
      const prefix = typing && processWord(last, key).length ? last : null;
      return { text: word, terms: [], prefix, han: word, phrases: [], typo: null, optional: false };
    }
    const terms = processWord(word, key).slice();
    let prefix = null;
    const form = prefixForm(word, key);
    const chars = codePoints(form);
    if (typing && terms.length && chars.length >= MIN_PREFIX) {
      prefix = form;
      for (let cut = Math.max(4, chars.length - 2); cut < chars.length; cut++) {
        const shorter = chars.slice(0, cut).join('');
        if (!terms.includes(shorter)) { terms.push(shorter); }
      }
    }
    if (!terms.length) { return null; }
    // a word that may yet become a stop word (`wit`, `vey`) need not be held: the word meant may be one no index holds
    const optional = prefix !== null && Array.from(stopWords[key] || []).some((stop) => stop.startsWith(prefix));
    return { text: word, terms, prefix, han: null, phrases: [], typo: maxEdits(chars.length) ? form : null, optional };
  }

  /** reference_search.synonym_word: the word(s) that said a phrase of `group`. */
  function synonymWord(tokens, group, key) {
    const own = tokens.length === 1 ? plainWord(...tokens[0], key) : null;
    const terms = own ? own.terms.slice() : [];
    group.forEach(([, phrase]) => { if (phrase.length === 1 && !terms.includes(phrase[0])) { terms.push(phrase[0]); } });
    const phrases = group.filter(([, phrase]) => phrase.length > 1).map(([, phrase]) => phrase);
    const text = tokens.map(([token]) => token).join(' ');
    return { text, terms, prefix: own ? own.prefix : null, han: null, phrases, typo: null, optional: false };
  }

  /**
   * reference_search.informative_words: the [word, han] pairs of a query up to its MAX_WORDS-th informative one, a
   * repeated word dropped; stop words and repeats do not count, so a long question keeps the words it ends with.
   */
  function informativeWords(found, key) {
    const kept = [];
    const seen = new Set();
    for (const [word, han] of found) {
      const terms = han ? [word] : processWord(word, key);
      if (!terms.length) {
        kept.push([word, han]);
      } else if (!seen.has(terms[terms.length - 1])) {
        if (seen.size === MAX_WORDS) { break; }
        seen.add(terms[terms.length - 1]);
        kept.push([word, han]);
      }
    }
    return kept;
  }

  /** han_variants.parse_variants: the manifest's string of [traditional, simplified] pairs as a Map. */
  function parseVariants(pairs) {
    const chars = codePoints(pairs || '');
    const out = new Map();
    for (let i = 0; i + 1 < chars.length; i += 2) { out.set(chars[i], chars[i + 1]); }
    return out;
  }

  /** han_variants.simplify: traditional Han characters read as the simplified ones the index holds. */
  const simplify = (text, variants) => (variants && variants.size
    ? codePoints(text).map((ch) => variants.get(ch) || ch).join('') : text);

  /** reference_search.analyse: {words: [{text, terms, prefix, han, phrases, typo}], titleTerms, titleHan}. */
  function analyse(query, key, complete, synonyms = [], variants = null) {
    const text = simplify(codePoints(String(query)).slice(0, MAX_QUERY_CHARS).join('').normalize('NFKC'), variants);
    const found = informativeWords(words(text), key);
    const titleTerms = [];
    const titleHan = [];
    found.forEach(([word, han]) => {
      const terms = han ? [] : processWord(word, key);
      if (han) { titleHan.push(word); } else if (terms.length) { titleTerms.push(terms[terms.length - 1]); }
    });
    const phrases = [];
    synonyms.forEach((group, g) => group.forEach(([keys]) => phrases.push([keys, g])));
    phrases.sort((a, b) => b[0].length - a[0].length);
    const pieces = Array.from(new Set(phrases.flatMap(([keys]) => keys.filter(isHan))))
      .sort((a, b) => codePoints(b).length - codePoints(a).length || (a < b ? -1 : a > b ? 1 : 0));
    const tokens = [];
    found.forEach(([word, han], position) => {
      if (han) {
        const cut = splitHan(word, pieces);
        const typing = !complete && position === found.length - 1 && text.endsWith(word);
        cut.forEach((piece, k) => tokens.push([piece, true, typing && k === cut.length - 1]));
      } else {
        tokens.push([word, false, !complete && position === found.length - 1 && text.endsWith(word)]);
      }
    });
    const keys = tokens.map(([token, han]) => (han ? token : wordKey(token, key)));
    const result = [];
    let i = 0;
    while (i < tokens.length) {
      const match = phrases.find(([k]) => k.length <= keys.length - i && k.every((part, j) => keys[i + j] === part));
      if (match) {
        result.push(synonymWord(tokens.slice(i, i + match[0].length), synonyms[match[1]], key));
        i += match[0].length;
        continue;
      }
      const word = plainWord(...tokens[i], key);
      if (word) { result.push(word); }
      i += 1;
    }
    return { words: result, titleTerms, titleHan };
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

  /**
   * The exact terms and the prefixes whose shards a query needs, each sorted and unique. A Han word's prefix is
   * left to hanPrefixes, which knows from these shards whether the run ends on a word begun.
   */
  function lookups(analysed) {
    const exact = new Set();
    const prefixes = new Set();
    analysed.forEach((word) => {
      word.terms.forEach((t) => exact.add(t));
      word.phrases.forEach((phrase) => phrase.forEach((t) => exact.add(t)));
      if (word.prefix && !word.han) { prefixes.add(word.prefix); }
      if (word.han) { queryCandidates(word.han).forEach((t) => exact.add(t)); }
    });
    return { exact: Array.from(exact).sort(), prefixes: Array.from(prefixes).sort() };
  }

  /** Whether a Han `word` being typed ends on a character no segment of two characters or more ends on. */
  function endsOnWordBegun(word, groups) {
    const end = groups.length ? groups[groups.length - 1].terms[0] : null;
    return word.prefix !== null && !(end !== null && codePoints(end).length > 1 && word.han.endsWith(end));
  }

  /** The prefixes of the Han words of `analysed` that end on a word begun, once their candidates' shards are in. */
  function hanPrefixes(analysed, hasTerm) {
    return Array.from(new Set(analysed.filter((word) => word.han !== null && word.prefix !== null)
      .filter((word) => endsOnWordBegun(word, segmentQuery(word.han, hasTerm))).map((word) => word.prefix))).sort();
  }

  /**
   * reference_search.han_needs: a Han run's segments; while it is typed, a last character that no longer term ends
   * on begins a word, met by any term it starts (optional, only ranking, when no term covered it).
   */
  function hanNeeds(word, hasTerm, hasPrefix) {
    const groups = segmentQuery(word.han, hasTerm);
    const needs = groups.map((group) => ({ ...group, phrases: [], fuzzy: [], optional: false }));
    const last = word.prefix;
    const end = groups.length ? groups[groups.length - 1].terms[0] : null;
    if (!endsOnWordBegun(word, groups) || !hasPrefix(last)) { return needs; }
    if (end === last) {
      needs[needs.length - 1].prefix = last;
      return needs;
    }
    needs.push({ terms: [], prefix: last, phrases: [], fuzzy: [], optional: true });
    return needs;
  }

  /** reference_search.requirements: resolve words against the index's terms; unmatched words are missing. */
  function requirements(analysed, hasTerm, fuzzy = new Map(), hasPrefix = () => false) {
    const needs = [];
    const missing = [];
    analysed.forEach((word, i) => {
      if (word.han !== null) {
        const found = hanNeeds(word, hasTerm, hasPrefix);
        found.forEach((need) => needs.push(need));
        if (!found.length) { missing.push(word.text); }
        return;
      }
      const present = word.terms.filter(hasTerm);
      const phrases = word.phrases.filter((phrase) => phrase.every(hasTerm));
      const corrected = fuzzy.get(i) || [];
      if (present.length || phrases.length || corrected.length || word.prefix) {
        needs.push({ terms: present, prefix: word.prefix, phrases, fuzzy: corrected, optional: word.optional });
      } else {
        missing.push(word.text);
      }
    });
    return { needs, missing };
  }

  const exactly = (need, matched) => matched.some(
    (t) => need.terms.includes(t) || (need.prefix !== null && t.startsWith(need.prefix)),
  ) || need.phrases.some((phrase) => phrase.every((t) => matched.includes(t)));

  const byCorrection = (need, matched) => matched.some((t) => need.fuzzy.includes(t));

  const metBy = (need, matched) => exactly(need, matched) || byCorrection(need, matched);

  const rankKey = (score) => -Math.floor(score * 1e6 + 0.5);

  /**
   * reference_search.finish: version filter, every-word matches, else any-word ones; articles the query names
   * by title first, then those that needed fewer corrections, then those the corrected query names by title,
   * then those whose title holds every word of the query, then those whose whole title the query says with one word
   * more (`around`, shown even without that word), then best score, ties by ref.
   */
  function finish(raw, needs, missing, allowed, titled = new Set(), nearlyTitled = new Set(), first = 0,
    around = new Set()) {
    const candidates = allowed ? raw.filter((hit) => allowed(hit.ref)) : raw;
    // Hits with the same matched terms share one array (LanguageIndex.score), so each is judged once.
    const judged = new Map();
    const judge = (terms) => {
      let verdict = judged.get(terms);
      if (verdict === undefined) {
        // a corrected word held only as a correction, or not at all (an `around` hit): never ahead of its correction
        const fixes = needs.filter((need) => need.fuzzy.length && !exactly(need, terms)).length;
        verdict = { every: needs.every((need) => need.optional || metBy(need, terms)), fixes };
        judged.set(terms, verdict);
      }
      return verdict;
    };
    const every = missing.length ? [] : candidates.filter((hit) => judge(hit.terms).every);
    const pool = every.length && around.size
      ? candidates.filter((hit) => judge(hit.terms).every || around.has(hit.ref)) : every.length ? every : candidates;
    const partial = every.length ? false : candidates.length > 0;
    const title = (hit) => (titled.has(hit.ref) ? 0 : 1);
    const nearly = (hit) => (nearlyTitled.has(hit.ref) ? 0 : 1);
    const covered = new Map(); // hits with the same title terms share one array of them, judged once
    const covers = (hit) => {
      let verdict = covered.get(hit.titleTerms);
      if (verdict === undefined) {
        verdict = needs.length && needs.every((need) => metBy(need, hit.titleTerms)) ? 0 : 2;
        covered.set(hit.titleTerms, verdict);
      }
      return verdict === 2 && around.has(hit.ref) ? 1 : verdict;
    };
    const hits = ranked(pool, title, (hit) => judge(hit.terms).fixes, nearly, covers);
    const head = (hit) => [title(hit), Math.min(judge(hit.terms).fixes, 127), nearly(hit), covers(hit)];
    return { hits, partial, missing, certain: first ? certainFirst(hits, first, head) : hits.length };
  }

  /**
   * How many of the first `hits` (ranked by their highest possible scores), up to `first`, are certainly in their
   * final place: hit i is when its worst rank key (from its lowest score, `low`) still comes before the best key
   * of hit i + 1, and so of every hit after, whose true key can only be worse than its best.
   */
  function certainFirst(hits, first, head) {
    let certain = 0;
    for (; certain + 1 < hits.length && certain < first; certain++) {
      const [a, b] = [hits[certain], hits[certain + 1]];
      const worst = [...head(a), rankKey(a.low), a.ref];
      const best = [...head(b), rankKey(b.score), b.ref];
      const k = worst.findIndex((value, i) => value !== best[i]);
      if (worst[k] > best[k]) { break; }
    }
    return certain === hits.length - 1 ? hits.length : certain;
  }

  /**
   * `hits` ordered by title (0 or 1), fixes, nearly (0 or 1), covers (0 to 2), rankKey(score), then ref. When the
   * ranges of these keys multiply to under 2^53, a hit's keys pack into one exact double and a typed-array sort orders
   * them with no comparator call per pair: eleven thousand hits sort in a millisecond or two, cold.
   */
  function ranked(hits, title, fixes, nearly, covers = () => 1) {
    const n = hits.length;
    const heads = new Int32Array(n); // title, fixes, nearly, covers
    const ranks = new Float64Array(n);
    let heads1 = 1;
    let low = Infinity;
    let high = -Infinity;
    let refs = 1;
    for (let i = 0; i < n; i++) {
      const hit = hits[i];
      heads[i] = ((title(hit) * 256 + Math.min(fixes(hit), 127)) * 2 + nearly(hit)) * 3 + covers(hit);
      ranks[i] = rankKey(hit.score);
      if (heads[i] >= heads1) { heads1 = heads[i] + 1; }
      if (ranks[i] < low) { low = ranks[i]; }
      if (ranks[i] > high) { high = ranks[i]; }
      if (hit.ref >= refs) { refs = hit.ref + 1; }
    }
    const span = high - low + 1;
    if (n > 1 && heads1 * span * refs < 2 ** 53) {
      const at = new Int32Array(refs); // ref -> its position in hits
      const packed = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        packed[i] = (heads[i] * span + (ranks[i] - low)) * refs + hits[i].ref;
        at[hits[i].ref] = i;
      }
      packed.sort();
      const out = new Array(n);
      for (let i = 0; i < n; i++) { out[i] = hits[at[packed[i] % refs]]; }
      return out;
    }
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (heads[a] - heads[b]) || (ranks[a] - ranks[b]) || (hits[a].ref - hits[b].ref));
    return order.map((i) => hits[i]);
  }

  /** typos.pairs: the first two letters of every string `edits` or fewer deletions make of `chars`. */
  function pairs(chars, edits) {
    const found = new Set();
    for (let j = 1; j < Math.min(edits + 2, chars.length); j++) {
      for (let i = 0; i < j; i++) { found.add(chars[i] + chars[j]); }
    }
    return Array.from(found).sort();
  }

  /** typos.pair_shard: FNV-1a over the code points of a pair (titles.title_shard: of a title key). */
  function pairShard(pair, shards) {
    let h = 0x811c9dc5;
    codePoints(pair).forEach((ch) => { h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0; });
    return h % shards;
  }

  /** Optimal-string-alignment distance of two code point arrays, or limit + 1 once it is certainly above. */
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
        if (prev2 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
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

  const compareText = (x, y) => (x < y ? -1 : x > y ? 1 : 0);

  /** reference_search.corrections: [[word, distance], ...], nearest, then commonest, then by spelling. */
  function corrections(word, candidates, edits, limit) {
    const chars = codePoints(word);
    const scored = [];
    candidates.forEach((count, candidate) => {
      if (candidate === word) { return; }
      const d = distance(chars, codePoints(candidate), edits);
      if (d <= edits) { scored.push([d, -count, candidate]); }
    });
    scored.sort((x, y) => x[0] - y[0] || x[1] - y[1] || compareText(x[2], y[2]));
    return scored.slice(0, limit).map(([d, , candidate]) => [candidate, d]);
  }

  const utf8 = new TextDecoder();

  let cursor = 0; // where leb() and the readers below read next (they run synchronously, one at a time)

  /** A LEB128 value at the cursor; most are one byte. */
  function leb(bytes) {
    let byte = bytes[cursor++];
    let value = byte & 0x7f;
    let scale = 128;
    while (byte & 0x80) {
      byte = bytes[cursor++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    }
    return value;
  }

  const small = (bytes) => (bytes[cursor] < 0x80 ? bytes[cursor++] : leb(bytes));

  /** Weights at the cursor (their high parts, then their low bytes) into flat[2p + 1] for each posting p of
   * `positions`, ascending (every posting when null). */
  function readWeights(bytes, flat, positions) {
    const n = positions ? positions.length : flat.length / 2;
    for (let k = 0; k < n; k++) { flat[2 * (positions ? positions[k] : k) + 1] = small(bytes) * 256; }
    for (let k = 0; k < n; k++) { flat[2 * (positions ? positions[k] : k) + 1] += bytes[cursor++]; }
  }

  /**
   * A term shard's bytes (kbgen/search/shards.py): a line of JSON, {terms: [[term, index, count per field...]]},
   * then each term's postings field by field: the ref gaps, the weights' high parts (LEB128 varints) and
   * their low bytes. Each term comes back as [term, index, flat per field], a flat list being [gap, weight, ...].
   *
   * A tiered word's entry also has [edges, extra] (shards.tier): its last field keeps the weights of the
   * documents its earlier fields hold and of `extra` positions given as gaps; every other weight is known only
   * to lie in a bucket [edges[k], edges[k + 1]] (a byte each, after the kept weights) until the shard's tail is
   * read (readTail). Such a term comes back with one more element, {positions, lower}: those postings'
   * positions, ascending, and their lowest possible weights; their flat weights are the highest possible.
   */
  function readShard(bytes, fieldCount) {
    const cut = bytes.indexOf(10);
    const shard = JSON.parse(utf8.decode(bytes.subarray(0, cut)));
    cursor = cut + 1;
    shard.terms = shard.terms.map(([term, index, ...rest]) => {
      const entry = [term, index];
      for (let f = 0; f < fieldCount; f++) {
        const count = rest[f];
        const flat = new Int32Array(2 * count);
        for (let i = 0; i < 2 * count; i += 2) { flat[i] = small(bytes); }
        if (f === fieldCount - 1 && rest.length > fieldCount) {
          entry.push(flat, readTiered(bytes, flat, entry.slice(2), rest[fieldCount], rest[fieldCount + 1]));
        } else {
          readWeights(bytes, flat, null);
          entry.push(flat);
        }
      }
      return entry;
    });
    if (cursor !== bytes.length) { throw new Error('kbgen search: a term shard does not end where its postings do'); }
    return shard;
  }

  /** A tiered field's kept weights into `flat`, the others' highest possible weights too; returns the others'
   * {positions, lower}. */
  function readTiered(bytes, flat, earlier, edges, extraCount) {
    const count = flat.length / 2;
    const refs = new Int32Array(count);
    let ref = 0;
    for (let p = 0; p < count; p++) { ref += flat[2 * p]; refs[p] = ref; }
    const held = new Uint8Array(ref + 1); // the refs of the word's earlier fields, up to its last body ref
    earlier.forEach((other) => {
      let at = 0;
      for (let i = 0; i < other.length; i += 2) { at += other[i]; if (at <= ref) { held[at] = 1; } }
    });
    const kept = new Uint8Array(count);
    let position = -1;
    for (let k = 0; k < extraCount; k++) { position += small(bytes); kept[position] = 1; }
    let keptCount = 0;
    for (let p = 0; p < count; p++) { if (held[refs[p]]) { kept[p] = 1; } keptCount += kept[p]; }
    const keptAt = new Int32Array(keptCount);
    const positions = new Int32Array(count - keptCount);
    for (let p = 0, k = 0, t = 0; p < count; p++) { if (kept[p]) { keptAt[k++] = p; } else { positions[t++] = p; } }
    readWeights(bytes, flat, keptAt);
    const lower = new Int32Array(positions.length);
    for (let k = 0; k < positions.length; k++) {
      const bucket = bytes[cursor++];
      lower[k] = edges[bucket];
      flat[2 * positions[k] + 1] = edges[bucket + 1];
    }
    return { positions, lower };
  }

  /** A shard's tail (kbgen/search/shards.py): the bounded weights of its tiered `entries`, in shard order, into
   * their last fields; each entry then drops its list of bounded positions. */
  function readTail(bytes, entries, fieldCount) {
    cursor = 0;
    entries.forEach((entry) => {
      readWeights(bytes, entry[1 + fieldCount], entry[2 + fieldCount].positions);
      entry.pop();
    });
    if (cursor !== bytes.length) { throw new Error('kbgen search: a tail does not end where its weights do'); }
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

  /** Searches one language: fetches the shards a query needs and scores as lunr does, over just those terms. */
  class LanguageIndex {
    /** `fetchShard(n)` gives term shard n's bytes (inflated), `fetchNeighbours(n)` typo neighbourhood shard n,
     * `fetchTitles(n)` title file n and `fetchTail(n)` the bytes of term shard n's tail. */
    constructor(manifest, fetchShard, fetchNeighbours, fetchTitles, fetchTail) {
      this.manifest = manifest;
      this.key = manifest.key;
      this.fetchShard = fetchShard;
      this.fetchNeighbours = fetchNeighbours;
      this.fetchTitles = fetchTitles;
      this.fetchTail = fetchTail;
      this.loaded = new Map();
      this.tailsLoaded = new Map();
      this.tiered = new Map(); // shard number -> its tiered entries, in shard order
      this.tailOf = new Map(); // tiered term -> its shard's number
      this.terms = new Map();
      this.titles = new Map();
      this.titlesLoaded = new Map();
      this.nearLoaded = new Map();
      this.near = new Map();
      setStopWords(this.key, manifest.stopWords);
      this.variants = parseVariants(manifest.hanVariants);
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

    /** Fetches file n of a kind once (`loaded` remembers it) and hands it to `keep`; a failed one is fetched again. */
    static once(loaded, n, fetch, keep) {
      if (!loaded.has(n)) {
        loaded.set(n, Promise.resolve(fetch(n)).then(keep).catch((error) => { loaded.delete(n); throw error; }));
      }
      return loaded.get(n);
    }

    ensure(numbers) {
      const fieldCount = this.manifest.fields.length;
      return Promise.all(numbers.map((n) => LanguageIndex.once(this.loaded, n, (k) => this.fetchShard(k), (bytes) => {
        readShard(bytes, fieldCount).terms.forEach((entry) => {
          this.terms.set(entry[0], entry);
          if (entry.length > 2 + fieldCount) {
            if (!this.tiered.has(n)) { this.tiered.set(n, []); }
            this.tiered.get(n).push(entry);
            this.tailOf.set(entry[0], n);
          }
        });
      })));
    }

    /** The tail files that `terms` still wait for, ascending. */
    tailsFor(terms) {
      const fieldCount = this.manifest.fields.length;
      const numbers = new Set();
      terms.forEach((t) => {
        if (this.terms.get(t).length > 2 + fieldCount) { numbers.add(this.tailOf.get(t)); }
      });
      return Array.from(numbers).sort((a, b) => a - b);
    }

    ensureTails(numbers) {
      const fieldCount = this.manifest.fields.length;
      return Promise.all(numbers.map((n) => LanguageIndex.once(this.tailsLoaded, n, (k) => this.fetchTail(k),
        (bytes) => readTail(bytes, this.tiered.get(n), fieldCount))));
    }

    ensureNeighbours(numbers) {
      return Promise.all(numbers.map((n) => LanguageIndex.once(this.nearLoaded, n, (k) => this.fetchNeighbours(k),
        (shard) => Object.keys(shard).forEach((pair) => this.near.set(pair, shard[pair])))));
    }

    /** The title files holding `keys` (empty keys are skipped), then the titles they hold are known. */
    ensureTitles(keys) {
      const count = this.manifest.titles || 0;
      const numbers = count ? Array.from(new Set(keys.filter(Boolean).map((k) => pairShard(k, count)))) : [];
      return Promise.all(numbers.map((n) => LanguageIndex.once(this.titlesLoaded, n, (k) => this.fetchTitles(k),
        (file) => Object.keys(file).forEach((key) => this.titles.set(key, file[key])))));
    }

    hasPrefix(prefix) {
      for (const term of this.terms.keys()) { if (term.startsWith(prefix)) { return true; } }
      return false;
    }

    /** How many documents hold any of `terms` (all loaded), counted up to `cap` + 1: a common word's thousands of
     * postings need not be gathered to learn that it is not rare. */
    documents(terms, cap = Infinity) {
      const refs = new Set();
      for (const t of terms) {
        const entry = this.terms.get(t);
        for (let f = 0; f < this.manifest.fields.length; f++) {
          const flat = entry[2 + f];
          let ref = 0;
          for (let i = 0; i < flat.length; i += 2) {
            ref += flat[i];
            refs.add(ref);
            if (refs.size > cap) { return refs.size; }
          }
        }
      }
      return refs.size;
    }

    /**
     * reference_search.completions: the loaded terms starting with `prefix` (its shards are all loaded), sorted,
     * each boosted by its share of the documents holding any: together they weigh what one typed word does.
     */
    completions(prefix) {
      const found = [];
      this.terms.forEach((entry, term) => { if (term.startsWith(prefix)) { found.push(term); } });
      found.sort();
      const counts = found.map((t) => this.documents([t]));
      const total = counts.reduce((a, b) => a + b, 0);
      return found.map((t, k) => [t, counts[k] / total]);
    }

    /** reference_search.wants_correction: a word that matches nothing, or a complete word hardly any has. */
    wantsCorrection(word) {
      if (word.typo === null) { return false; }
      const present = word.terms.filter((t) => this.terms.has(t));
      if (word.prefix !== null) { return !present.length && !this.hasPrefix(word.prefix); }
      return !present.length || this.documents(present, POOR_DOCUMENTS) <= POOR_DOCUMENTS;
    }

    /**
     * Corrections for the words that want them, from the neighbourhood shards of each word's letter pairs:
     * {found: Map word index -> [[word, distance], ...], replace: Map own term -> best corrected term, nearly:
     * the corrected query's title key}. The term shards of the corrected words and the title file of `nearly` are
     * loaded before it resolves.
     */
    correct(analysis) {
      const analysed = analysis.words;
      const count = this.manifest.neighbours || 0;
      const wanted = [];
      analysed.forEach((word, i) => { if (count && this.wantsCorrection(word)) { wanted.push(i); } });
      if (!wanted.length) { return Promise.resolve({ found: new Map(), replace: new Map(), nearly: '' }); }
      const lastTerm = (w) => { const all = processWord(w, this.key); return all[all.length - 1]; };
      const pairsOf = new Map(wanted.map((i) => {
        const chars = codePoints(analysed[i].typo);
        return [i, pairs(chars, maxEdits(chars.length))];
      }));
      const shards = new Set();
      pairsOf.forEach((list) => list.forEach((pair) => shards.add(pairShard(pair, count))));
      return this.ensureNeighbours(Array.from(shards).sort((a, b) => a - b)).then(() => {
        const found = new Map();
        const replace = new Map();
        const terms = new Set();
        wanted.forEach((i) => {
          const candidates = new Map();
          pairsOf.get(i).forEach((pair) => (this.near.get(pair) || []).forEach(([w, n]) => candidates.set(w, n)));
          const typo = analysed[i].typo;
          const best = corrections(typo, candidates, maxEdits(codePoints(typo).length), MAX_CORRECTIONS);
          found.set(i, best);
          best.forEach(([w]) => terms.add(lastTerm(w)));
          const own = processWord(analysed[i].text, this.key);
          if (best.length && own.length) { replace.set(own[own.length - 1], lastTerm(best[0][0])); }
        });
        const nearly = replace.size
          ? keyFromParts(analysis.titleTerms.map((t) => replace.get(t) || t), analysis.titleHan) : '';
        return Promise.all([
          this.ensure(this.shardsFor({ exact: Array.from(terms).sort(), prefixes: [] })),
          this.ensureTitles([nearly]),
        ]).then(() => ({ found, replace, nearly }));
      });
    }

    /**
     * lunr.Index.query's results for `clauses` ([terms, boost, wildcard] in query order) over the loaded entries
     * of `relevant` (sorted), as [{ref, score, terms}], computed straight from the postings.
     *
     * lunr builds an object per posting and a Vector per document field (1.5 s at 40,000 documents on one
     * core); this does lunr's arithmetic in lunr's order on flat arrays, so every score is the same double:
     * each term's query weight is the sum of its clauses' boosts in clause order; a field's score is the dot
     * product in ascending term index over the query vector's magnitude (`|| 0`, as lunr's similarity); a
     * document's score adds its fields' scores in the order lunr first matched them (clause, expanded term,
     * field). Expansions come from lunr's own TokenSet, so a wildcard means what it means to lunr.
     *
     * A tiered word's postings still waiting for their tail count with their highest possible weight: each
     * score is then the highest the document can have, the arithmetic being monotonic in every weight. With
     * `bounds`, each hit also has `low`, the lowest, from the same sums with the lowest possible weights.
     */
    score(relevant, clauses, bounds = false) {
      const fields = this.manifest.fields;
      const docs = this.manifest.docs;
      const entries = new Map(relevant.map((t) => [t, this.terms.get(t)]));
      const builder = new lunr.TokenSet.Builder();
      relevant.forEach((t) => builder.insert(t));
      builder.finish();
      const weightOf = new Map(); // term -> summed boost, in clause order
      const firstSeen = []; // [term, field] in the order lunr's matchingFields meets them
      const met = new Set();
      clauses.forEach(([term, boost, wildcard]) => {
        const pattern = wildcard && !term.endsWith('*') ? `${term}*` : term;
        builder.root.intersect(lunr.TokenSet.fromString(pattern)).toArray().forEach((expanded) => {
          weightOf.set(expanded, (weightOf.has(expanded) ? weightOf.get(expanded) : 0) + boost);
          fields.forEach((field, f) => {
            const key = `${expanded}/${f}`;
            if (!met.has(key)) { met.add(key); firstSeen.push([expanded, f]); }
          });
        });
      });
      const byIndex = Array.from(weightOf.keys()).sort((a, b) => entries.get(a)[1] - entries.get(b)[1]);
      let squares = 0;
      byIndex.forEach((t) => { const w = weightOf.get(t); squares += w * w; });
      const magnitude = Math.sqrt(squares);
      // dot[f * docs + ref], summed in ascending term index as lunr.Vector.dot does; with `bounds`, low too,
      // the same sums with each bounded weight at its lowest (readTiered)
      const dot = new Float64Array(fields.length * docs);
      const low = bounds ? new Float64Array(fields.length * docs) : null;
      const last = fields.length - 1;
      byIndex.forEach((t) => {
        const entry = entries.get(t);
        const weight = weightOf.get(t);
        const tail = entry[2 + fields.length]; // a tiered word's bounded postings, until its tail is read
        fields.forEach((field, f) => {
          const flat = entry[2 + f];
          const base = f * docs;
          let ref = 0;
          if (!low) {
            for (let i = 0; i < flat.length; i += 2) { ref += flat[i]; dot[base + ref] += weight * (flat[i + 1] / 1000); }
            return;
          }
          const { positions, lower } = tail && f === last ? tail : { positions: [], lower: [] };
          let next = 0;
          for (let i = 0; i < flat.length; i += 2) {
            ref += flat[i];
            const part = weight * (flat[i + 1] / 1000);
            dot[base + ref] += part;
            if (positions[next] === i >> 1) {
              low[base + ref] += weight * (lower[next] / 1000);
              next += 1;
            } else {
              low[base + ref] += part;
            }
          }
        });
      });
      const order = []; // documents in the order lunr first matches them
      const width = fields.length;
      const seenCount = new Uint8Array(docs);
      const seenFields = new Uint8Array(docs * width); // each document's fields in first-match order
      const termIds = new Map(relevant.map((t, n) => [t, n]));
      // Which terms each document has: a bit per term while they fit in 31 bits (a plain query), else a list.
      // Documents with the same terms share one array of them: tens of thousands of hits, a handful of arrays.
      const masks = relevant.length <= 31 ? new Int32Array(docs) : null;
      const lists = masks ? null : new Array(docs);
      // and which of them are in its title (the first field), the same way
      const titleMasks = masks ? new Int32Array(docs) : null;
      const titleLists = masks ? null : new Array(docs);
      firstSeen.forEach(([term, f]) => {
        const flat = entries.get(term)[2 + f];
        const id = termIds.get(term);
        let ref = 0;
        for (let i = 0; i < flat.length; i += 2) {
          ref += flat[i];
          const count = seenCount[ref];
          if (count === 0) { order.push(ref); }
          if (masks) { masks[ref] |= 1 << id; } else if (count === 0) { lists[ref] = [id]; } else {
            const ids = lists[ref];
            if (ids[ids.length - 1] !== id) { ids.push(id); } // one term's fields are met one after another
          }
          if (f === 0 && titleMasks) { titleMasks[ref] |= 1 << id; }
          if (f === 0 && !titleMasks) { titleLists[ref] = [...(titleLists[ref] || []), id]; }
          let known = false;
          for (let k = 0; k < count; k++) { if (seenFields[ref * width + k] === f) { known = true; break; } }
          if (!known) { seenFields[ref * width + count] = f; seenCount[ref] = count + 1; }
        }
      });
      const shared = new Map();
      const termsIn = (bits, ids) => {
        const key = bits !== null ? bits : ids.sort((a, b) => a - b).join(',');
        let terms = shared.get(key);
        if (terms === undefined) {
          terms = bits !== null ? relevant.filter((_, id) => (bits >>> id) & 1) : ids.map((id) => relevant[id]);
          shared.set(key, terms);
        }
        return terms;
      };
      const termsOf = (ref) => termsIn(masks ? masks[ref] : null, masks ? null : lists[ref]);
      const titleTermsOf = (ref) => termsIn(
        titleMasks ? titleMasks[ref] : null, titleMasks ? null : titleLists[ref] || []);
      const scoreOf = (sums, ref) => {
        let score = 0;
        for (let k = 0; k < seenCount[ref]; k++) {
          const part = sums[seenFields[ref * width + k] * docs + ref] / magnitude || 0;
          score = k === 0 ? part : score + part;
        }
        return score;
      };
      const hit = (ref) => ({ ref, score: scoreOf(dot, ref), terms: termsOf(ref), titleTerms: titleTermsOf(ref) });
      if (low) { return order.map((ref) => Object.assign(hit(ref), { low: scoreOf(low, ref) })); }
      return order.map(hit);
    }

    /**
     * Resolves to {hits: [{ref, score, terms}], partial, missing, prefixes, corrections}, as
     * reference_search.search does in Python; corrections maps a corrected query word to the words it was read as.
     *
     * With `options.exactFirst` n, it may resolve before the tails of common words are fetched, ranked by the
     * highest scores the bounds allow, when that puts the first n hits in their final order for certain: then
     * only those are (which they are and their order, not their scores; the number of hits is always exact),
     * and `settle()` resolves to the whole exact result.
     */
    search(query, options = {}) {
      const analysis = analyse(
        query, this.key, options.complete !== false, this.manifest.synonyms || [], this.variants,
      );
      const analysed = analysis.words;
      const titleKey = keyFromParts(analysis.titleTerms, analysis.titleHan);
      const around = aroundKeys(analysis.titleTerms, analysis.titleHan);
      const fetched = Promise.all([
        this.ensure(this.shardsFor(lookups(analysed))), this.ensureTitles([titleKey, ...around]),
      ]).then(() => { // a Han word begun: only now is it known that the run ends on one, whose shards are wanted
        const prefixes = hanPrefixes(analysed, (t) => this.terms.has(t));
        return prefixes.length ? this.ensure(this.shardsFor({ exact: [], prefixes })) : null;
      });
      return fetched.then(() => this.correct(analysis)).then(({ found, nearly }) => {
        const hasTerm = (t) => this.terms.has(t);
        const fuzzy = new Map();
        const corrected = {};
        found.forEach((best, i) => {
          const word = analysed[i];
          corrected[word.text] = best.map(([w]) => w);
          const terms = [];
          best.forEach(([w]) => {
            const all = processWord(w, this.key);
            const term = all[all.length - 1];
            if (hasTerm(term) && !word.terms.includes(term) && !terms.includes(term)) { terms.push(term); }
          });
          fuzzy.set(i, terms);
        });
        const resolved = requirements(analysed, hasTerm, fuzzy, (p) => this.hasPrefix(p));
        const exact = new Set();
        const prefixes = new Set();
        resolved.needs.forEach((need) => {
          need.terms.forEach((t) => exact.add(t));
          need.phrases.forEach((phrase) => phrase.forEach((t) => exact.add(t)));
          if (need.prefix) { prefixes.add(need.prefix); }
        });
        const loose = new Set();
        resolved.needs.forEach((need) => need.fuzzy.forEach((t) => { if (!exact.has(t)) { loose.add(t); } }));
        if (!exact.size && !prefixes.size && !loose.size) {
          return { hits: [], partial: false, missing: resolved.missing, prefixes: [], corrections: corrected };
        }
        const relevantTerms = new Set([...exact, ...loose]);
        if (prefixes.size) {
          this.terms.forEach((entry, term) => {
            prefixes.forEach((p) => { if (term.startsWith(p)) { relevantTerms.add(term); } });
          });
        }
        const relevant = Array.from(relevantTerms).sort();
        const clauses = [
          ...Array.from(exact).sort().map((t) => [t, 1, false]),
          ...Array.from(prefixes).sort().flatMap((p) => this.completions(p).map(([t, boost]) => [t, boost, false])),
          ...Array.from(loose).sort().map((t) => [t, CORRECTION_BOOST, false]),
        ];
        const refsOf = (k) => new Set((k && this.titles.get(k)) || []);
        const titled = refsOf(titleKey);
        const aroundTitled = new Set(around.flatMap((k) => this.titles.get(k) || []));
        const rank = (first = 0) => { // first: how many leading hits to look for certainty in, tails unread
          const raw = this.score(relevant, clauses, first > 0);
          const result = finish(raw, resolved.needs, resolved.missing, options.allowed || null, titled, refsOf(nearly),
            first, aroundTitled);
          result.prefixes = Array.from(prefixes);
          result.corrections = corrected;
          return result;
        };
        const tails = this.tailsFor(relevant);
        if (!tails.length) { return rank(); }
        const settle = () => this.ensureTails(tails).then(() => rank());
        const early = options.exactFirst ? rank(options.exactFirst) : null;
        if (early && early.certain >= Math.min(options.exactFirst, early.hits.length)) {
          early.settle = settle;
          return early;
        }
        return settle();
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

  /** Closest indexed words to a word that matched nothing: [[word, documentCount], ...] best first. */
  function closestWords(word, key, vocabulary, count) {
    const target = fold(normalizeWord(word, key));
    const targetChars = codePoints(target);
    const limit = targetChars.length <= 4 ? 1 : 2;
    const scored = [];
    vocabulary.forEach(([entry, documents]) => {
      const candidate = fold(entry);
      if (candidate === target) { return; }
      const d = distance(codePoints(candidate), targetChars, limit);
      if (d <= limit) { scored.push([d, -documents, entry]); }
    });
    scored.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
    return scored.slice(0, count).map(([, negated, entry]) => [entry, -negated]);
  }

  return {
    closestWords, highlight, isHan, LanguageIndex, processWord, ranked, readShard, readTail, setStopWords, words,
  };
};

if (typeof module === 'object' && module.exports) {
  module.exports = kbSearchCore;
} else {
  self.KbSearchCore = kbSearchCore(self.lunr);
}
