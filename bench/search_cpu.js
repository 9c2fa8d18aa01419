// CPU per warm query of kbgen's browser search core under node, over a built site's search files:
//
//     node bench/search_cpu.js SITE_DIR [LANG] [QUERY ...]
//
// SITE_DIR holds kb-search/ (a `kbgen build` output, or bench/search_scale.py's sites). Each query runs once to
// fetch its shards, then eight times more; the figure is the CPU of those runs over their count. It times the
// scoring alone, without a browser's page and worker start-up, so sizes and versions of the core compare closely.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [site, lang = 'en', ...given] = process.argv.slice(2);
const queries = given.length ? given : ['expense approval', 'project budget'];
const root = path.join(site, 'kb-search');
const lunr = require(path.join(root, 'lunr', 'lunr.js'));
require(path.join(root, 'lunr', 'lunr.stemmer.support.js'))(lunr);
if (lang === 'ro') { require(path.join(root, 'lunr', 'lunr.ro.js'))(lunr); } // kb-search-core.js stems Turkish itself
const core = require(path.join(__dirname, '..', 'theme', 'assets', 'search', 'kb-search-core.js'))(lunr);

const bytes = (file) => {
  const raw = fs.readFileSync(file);
  return new Uint8Array(raw[0] === 0x1f && raw[1] === 0x8b ? zlib.gunzipSync(raw) : raw);
};
const read = (file) => JSON.parse(Buffer.from(bytes(file)).toString('utf8'));
const manifest = read(path.join(root, lang, 'manifest.kbs'));
const file = (kind, n) => {
  const group = manifest.files[kind][Math.floor(n / manifest.fileGroups[kind])];
  return path.join(root, 'immutable', lang, kind, `${group}-${n}.kbs`);
};

(async () => {
  const index = new core.LanguageIndex(manifest, (n) => bytes(file('t', n)), (n) => read(file('n', n)),
    (n) => read(file('h', n)), (n) => bytes(file('w', n)));
  for (const query of queries) { await index.search(query, { complete: true }); }
  const runs = 8;
  const started = process.cpuUsage();
  let hits = 0;
  for (let i = 0; i < runs; i++) {
    for (const query of queries) { hits += (await index.search(query, { complete: true })).hits.length; }
  }
  const used = process.cpuUsage(started);
  const perQuery = (used.user + used.system) / 1000 / (runs * queries.length);
  console.log(`${manifest.docs} ${lang} documents: ${perQuery.toFixed(1)} ms of CPU per warm query ` +
    `(${queries.length} queries, ${hits / runs} hits a round)`);
})();
