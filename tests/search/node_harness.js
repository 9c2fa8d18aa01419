// Runs kbgen's browser search core under node against a built kb-search folder, for the parity tests.
// Input (stdin, JSON): {lunrDir, core, root, tasks: [...]}; output (stdout, JSON): one answer per task.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const lunr = require(path.join(request.lunrDir, 'lunr.js'));
require(path.join(request.lunrDir, 'lunr.stemmer.support.js'))(lunr);
require(path.join(request.lunrDir, 'lunr.ro.js'))(lunr);
const core = require(request.core)(lunr);

function readBytes(file) {
  const raw = fs.readFileSync(file);
  return new Uint8Array(raw[0] === 0x1f && raw[1] === 0x8b ? zlib.gunzipSync(raw) : raw);
}

function readData(file) {
  return JSON.parse(Buffer.from(readBytes(file)).toString('utf8'));
}

// Shards are named by their content; the manifest lists the name of shard n, as the worker reads it. A manifest
// without names is an older build's (bench/search_quality.py compares with a baseline checkout): shard n is n.kbs.
function shardFile(lang, manifest, kind, n) {
  if (!manifest.files) return path.join(request.root, lang, kind, n + '.kbs');
  const group = manifest.files[kind][Math.floor(n / manifest.fileGroups[kind])];
  return path.join(request.root, 'immutable', lang, kind, `${group}-${n}.kbs`);
}

const indexes = {};
function indexFor(lang) {
  if (!indexes[lang]) {
    const dir = path.join(request.root, lang);
    const manifest = readData(path.join(dir, 'manifest.kbs'));
    indexes[lang] = { manifest, fetched: [], near: [], tails: [], index: null };
    indexes[lang].index = new core.LanguageIndex(manifest, (n) => {
      indexes[lang].fetched.push(n);
      // a core from before binary postings (bench/search_quality.py's baseline) takes the shard's JSON
      return core.readShard ? readBytes(shardFile(lang, manifest, 't', n)) : readData(shardFile(lang, manifest, 't', n));
    }, (n) => {
      indexes[lang].near.push(n);
      return readData(shardFile(lang, manifest, 'n', n));
    }, (n) => readData(shardFile(lang, manifest, 'h', n)), (n) => {
      indexes[lang].tails.push(n);
      return readBytes(shardFile(lang, manifest, 'w', n));
    });
  }
  return indexes[lang];
}

async function run(task) {
  if (task.op === 'words') {
    if (task.stopWords) core.setStopWords(task.key, task.stopWords);
    return task.texts.map((text) => core.words(text).map(([w, han]) => [w, han, han ? [w] : core.processWord(w, task.key)]));
  }
  if (task.op === 'highlight') {
    return task.cases.map((c) => core.highlight(c.text, task.key, c.terms, c.prefixes || [], c.width).parts);
  }
  if (task.op === 'search') {
    let entry = indexFor(task.lang);
    const out = [];
    for (const q of task.queries) {
      if (q.fresh) {  // as a page that has fetched nothing yet: every shard the query needs is fetched
        delete indexes[task.lang];
        entry = indexFor(task.lang);
      }
      entry.fetched = [];
      entry.near = [];
      entry.tails = [];
      const versions = q.version == null ? null : readData(path.join(request.root, 'immutable', task.lang, 'r',
        entry.manifest.files.r + '.kbs'));
      const allowed = versions === null ? undefined : (ref) => {
        const set = versions.versionSets[versions.docVersions[ref]];
        return set.length === 0 || set.includes(q.version);
      };
      const r = await entry.index.search(q.query, { complete: q.complete !== false, allowed, exactFirst: q.exactFirst });
      const answer = { hits: r.hits.map((h) => [h.ref, h.score, h.terms]), partial: r.partial, missing: r.missing,
                       corrections: r.corrections, shards: entry.fetched.slice(), near: entry.near.slice(),
                       tails: entry.tails.slice() };
      if (q.exactFirst) {  // what a reader sees first, then the settled result
        answer.early = r.settle ? answer.hits.slice(0, q.exactFirst) : null;
        if (r.settle) {
          const settled = await r.settle();
          answer.hits = settled.hits.map((h) => [h.ref, h.score, h.terms]);
          answer.tailsAfter = entry.tails.slice(answer.tails.length);
        }
      }
      out.push(answer);
    }
    return out;
  }
  if (task.op === 'ranked') {  // [[ref, score, title, fixes, nearly, covers], ...] -> the refs in rank order
    const hits = task.hits.map(
      ([ref, score, title, fixes, nearly, covers]) => ({ ref, score, title, fixes, nearly, covers }));
    return core.ranked(hits, (h) => h.title, (h) => h.fixes, (h) => h.nearly, (h) => h.covers).map((h) => h.ref);
  }
  throw new Error('unknown task ' + task.op);
}

(async () => {
  const answers = [];
  for (const task of request.tasks) answers.push(await run(task));
  process.stdout.write(JSON.stringify(answers));
})().catch((e) => { process.stderr.write(String(e.stack || e)); process.exit(1); });
