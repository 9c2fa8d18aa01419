// Runs mkdocs-material's own search worker (its bundled lunr.js and query logic) under node, one language at a
// time, as bench/search_quality.py's baseline. Input (stdin, JSON): {worker, languages: [{config, docs,
// queries}]}; output (stdout, JSON): per language, per query, the article locations in rank order.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const SETUP = 0;
const QUERY = 2;

/** A fresh worker global per language: the worker keeps one index and one lunr in its global scope. */
function worker(file) {
  let listener = null;
  let reply = null;
  const context = {
    console: { warn: () => {}, log: () => {} },
    addEventListener: (type, fn) => { listener = fn; },
    postMessage: (message) => reply(message),
    importScripts: (...urls) => urls.forEach((url) => {
      vm.runInContext(fs.readFileSync(path.resolve(path.dirname(file), url), 'utf8'), context);
    }),
  };
  context.self = context;
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(file, 'utf8'), context);
  return (data) => new Promise((resolve) => { reply = resolve; listener({ data }); });
}

(async () => {
  const out = [];
  for (const language of request.languages) {
    const send = worker(request.worker);
    await send({ type: SETUP, data: { config: language.config, docs: language.docs, options: { suggest: false } } });
    const ranked = [];
    for (const query of language.queries) {
      const result = await send({ type: QUERY, data: query });
      ranked.push(result.data.items.slice(0, 10).map((group) => group[0].location.split('#')[0]));
    }
    out.push(ranked);
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e.stack || e)); process.exit(1); });
