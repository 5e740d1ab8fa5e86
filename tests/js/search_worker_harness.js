// Runs docs/assets/javascripts/search-worker.js in Node as a browser runs
// it in a worker: reads {worker, site, index, queries, burst} as JSON on
// stdin, sets up the worker with the site's search index, asks each query
// in turn (then the queries of `burst` all at once), and prints every
// message the worker posted, as JSON, with the files it fetched.
"use strict";
const fs = require("fs");
const path = require("path");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const site = input.site;
globalThis.self = globalThis;
self.location = new URL("http://127.0.0.1:8000/assets/javascripts/search-worker.js");
const listeners = [];
self.addEventListener = (type, listener) => { if (type === "message") listeners.push(listener); };
const posted = [];
let waiting = null;
// Cloned, as a browser clones what a worker posts. An answer marked partial is followed by the same with its passages: the
// harness waits for the final one.
const final = (message) => !(message.data && message.data.partial);
self.postMessage = (message) => { message = structuredClone(message); posted.push(message); if (waiting && final(message)) { const done = waiting; waiting = null; done(); } };
const fetched = [];
globalThis.fetch = async (url) => {
  const local = path.join(site, decodeURIComponent(new URL(url).pathname));
  fetched.push(new URL(url).pathname);
  if (!local.startsWith(site) || !fs.existsSync(local)) return { ok: false, json: async () => null };
  return { ok: true, json: async () => JSON.parse(fs.readFileSync(local, "utf8")) };
};
(0, eval)(fs.readFileSync(input.worker, "utf8"));

function send(message) { for (const listener of listeners) listener({ data: message }); }
function answer(message) { return new Promise((resolve) => { waiting = resolve; send(message); }); }

(async () => {
  const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
  await answer({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: true } } });
  for (const query of input.queries || []) {
    await answer({ type: 2, data: query });
  }
  // Other messages, as search.js sends them; "last" stands for the number
  // of the last answer.
  for (const message of input.messages || []) {
    const last = posted.filter((each) => each.type === 3).pop();
    const data = { ...message.data, number: message.data.number === "last" && last ? last.data.number : message.data.number };
    const before = posted.length;
    send({ type: message.type, data });
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (posted.length === before) posted.push({ unanswered: message.type });
  }
  if (input.burst && input.burst.length) {
    const before = posted.length;
    for (const query of input.burst) send({ type: 2, data: query });
    await new Promise((resolve) => setTimeout(resolve, 500));
    posted.push({ burstAnswers: posted.slice(before).filter(final).length });
  }
  process.stdout.write(JSON.stringify({ posted, fetched }));
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
