#!/usr/bin/env node
// Runs samplegen NodeJS and browser samples that Node runs as they are (native http/https, fetch
// in a page and in Node, axios in Node and in a page, unirest) as `node SAMPLE.js` would, with the
// packages they import or require resolved from this folder's node_modules wherever the sample
// lives, and checks that every request a sample makes gets a response.
//
//   node run-node.js SAMPLE.js [--file PATH]... [--timeout MS]
//   node run-node.js --many JOBS.json     many samples, one after the other, in this one process
//
// --file   for a sample written for a browser page (fetch, axios): the bytes of
//          `fileInput.files[0]`, the page's <input type="file">; repeat it for files[1],
//          files[2]... Each is a `File` with the path's base name and the type a browser gives
//          from its extension ("" when unknown). The page's `process.env` is the runner's
//          environment, as a bundler's build-time replacement of `process.env.NAME` would give it.
// --timeout  how long to wait for the sample's requests ($SAMPLEGEN_TIMEOUT_MS; default 10000 ms).
// --many   JOBS is a list of {sample, result, files: [PATH...], env} (see many.js): each sample
//          is imported from its own file, so each has a module scope of its own, with its own
//          `process.env` and `fileInput`, and its RESULT file gets `ok`, or `failed` and the
//          lines below that would have gone to stderr.
//
// A sample may be CommonJS (`require`) or an ES module (`import`, which Node 20.19 and later
// detect in a `.js` file). Requests are seen through `http.request`, `https.request` (which
// `request`, unirest, form-data and axios call) and the global `fetch`. A sample has ended when
// nothing it started (a socket, a timer, a file read) is left, when `node SAMPLE.js` would exit;
// a sample still busy after the timeout fails, and the next one runs. axios's own error for an
// HTTP error status fails the sample too.
//
// Exit codes: 0 every request got a response; 1 a request failed (network error, an HTTP error
// status axios reports, or a fetch() rejected: a sample's own `catch` only prints it) or the
// sample threw later; 2 bad usage; 3 the sample threw while loading or made no request; 4 timeout.
"use strict";

const fs = require("fs");
const http = require("http");
const https = require("https");
const path = require("path");
const Module = require("module");
const { pathToFileURL } = require("url");
const mime = require("mime-types");
const { runMany } = require("./many.js");

function usage(message) {
  process.stderr.write(
    (message ? `run-node: ${message}\n` : "") +
      "usage: node run-node.js SAMPLE.js [--file PATH]... [--timeout MS] | node run-node.js --many JOBS.json\n"
  );
  process.exit(2);
}

// `require('unirest')` from anywhere resolves to this folder's node_modules (as NODE_PATH would),
// and so does `import axios from 'axios'` (NODE_PATH does not apply to ES modules: a resolve hook
// tries this folder when the sample's own place has no such package).
const nodeModules = path.join(__dirname, "node_modules");
process.env.NODE_PATH = process.env.NODE_PATH
  ? `${nodeModules}${path.delimiter}${process.env.NODE_PATH}`
  : nodeModules;
Module._initPaths();
const here = JSON.stringify(pathToFileURL(path.join(__dirname, "run-node.js")).href);
Module.register(
  "data:text/javascript," +
    encodeURIComponent(
      "export async function resolve(specifier, context, next) {\n" +
        "  try { return await next(specifier, context); } catch (error) {\n" +
        "    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;\n" +
        `    return next(specifier, { ...context, parentURL: ${here} });\n` +
        "  }\n" +
        "}\n"
    )
);

// The sample running now: how many requests it made, whether one failed, and where its lines go.
let current = null;

function fail(run, what, error) {
  run.failed = true;
  run.log(`run-node: ${what}: ${describe((error && error.cause) || error)}\n`);
}

// An error with the lines of its stack that are the sample's (not Node's, not this harness's).
function describe(error) {
  if (!(error && error.stack)) {
    return String(error);
  }
  return error.stack
    .split("\n")
    .filter((line) => !/\(node:|run-node\.js|many\.js|ModuleLoader\.import/.test(line))
    .join("\n");
}

for (const module of [http, https]) {
  const request = module.request;
  module.request = function watchedRequest(...requestArgs) {
    const outgoing = request.apply(this, requestArgs);
    const run = current;
    if (run) {
      run.requests++;
      outgoing.on("error", (error) => fail(run, "a request failed", error));
    }
    return outgoing;
  };
}
const realFetch = globalThis.fetch;
const fetchWatcher = function watchedFetch(...fetchArgs) {
  const call = realFetch.apply(this, fetchArgs);
  const run = current;
  if (run) {
    run.requests++;
    call.catch((error) => fail(run, "fetch failed", error));
  }
  return call;
};
process.on("uncaughtException", (error) => current && fail(current, "the sample threw", error));
process.on("unhandledRejection", (error) => current && fail(current, "the sample threw", error));

// axios (its CommonJS build, which `require('axios')` loads, and its ES module build, which
// `import axios from 'axios'` loads) rejects an HTTP error status, which the sample only prints.
function failOnErrorStatus(axios) {
  axios.interceptors.response.use(
    (response) => response,
    (error) => {
      if (current && error.response) {
        fail(current, "a request failed", error.message);
      }
      return Promise.reject(error);
    }
  );
}
failOnErrorStatus(require("axios"));
const axiosModule = import("axios").then((axios) => failOnErrorStatus(axios.default));

// The page's <input type="file">, holding `files` as `File`s.
function fileInputOf(files) {
  return {
    files: files.map((file) => {
      const name = path.basename(file);
      return new File([fs.readFileSync(file)], name, { type: mime.lookup(name) || "" });
    }),
  };
}

// What keeps this process alive now, by kind: the sample has ended when nothing of its own is
// left (no socket, timer, file operation...), as `node SAMPLE.js` would end then.
function activeResources() {
  const kinds = new Map();
  for (const kind of process.getActiveResourcesInfo()) {
    kinds.set(kind, (kinds.get(kind) || 0) + 1);
  }
  return kinds;
}

function moreThan(kinds, before) {
  return [...kinds].some(([kind, count]) => count > (before.get(kind) || 0));
}

// Resolves once the event loop has turned (after the timers, so that none of ours is counted).
const nextTurn = () => new Promise((resolve) => setTimeout(() => setImmediate(resolve), 1));

// Runs one sample to its end: 0 every request got a response; 1 one failed or the sample threw
// later; 3 it threw while loading or made no request; 4 timeout.
async function runSample(samplePath, files, timeout, log) {
  await axiosModule;
  const run = { requests: 0, failed: false, log };
  globalThis.fetch = fetchWatcher;
  if (files.length > 0) {
    globalThis.fileInput = fileInputOf(files);
  }
  // the process's own handles (stdout, stderr) exist before the sample runs
  void process.stdout;
  void process.stderr;
  await nextTurn();
  const before = activeResources();
  const deadline = Date.now() + timeout;
  current = run;
  try {
    await import(pathToFileURL(path.resolve(samplePath)).href);
  } catch (error) {
    current = null;
    log(`run-node: the sample threw: ${describe(error)}\n`);
    return 3;
  }
  do {
    if (Date.now() > deadline) {
      current = null;
      log(`run-node: timed out after ${timeout} ms waiting for the sample to end\n`);
      return 4;
    }
    await nextTurn();
  } while (moreThan(activeResources(), before));
  current = null;
  if (run.requests === 0 && !run.failed) {
    log("run-node: the sample made no request\n");
    return 3;
  }
  return run.failed ? 1 : 0;
}

async function main() {
  const args = process.argv.slice(2);
  const files = [];
  let sample = null;
  let jobs = null;
  let timeout = Number(process.env.SAMPLEGEN_TIMEOUT_MS || 10000);
  for (let i = 0; i < args.length; i++) {
    const value = () => (i + 1 < args.length ? args[++i] : usage(`${args[i]} needs a value`));
    if (args[i] === "--file") {
      files.push(value());
    } else if (args[i] === "--many") {
      jobs = value();
    } else if (args[i] === "--timeout") {
      timeout = Number(value());
    } else if (sample === null && !args[i].startsWith("--")) {
      sample = args[i];
    } else {
      usage(`unexpected argument ${args[i]}`);
    }
  }
  if ((sample === null) === (jobs === null) || (jobs !== null && files.length > 0)) {
    usage();
  }
  if (!Number.isFinite(timeout) || timeout <= 0) {
    usage("--timeout must be a positive number of milliseconds");
  }
  if (jobs !== null) {
    await runMany(jobs, (job, log) => runSample(job.sample, job.files || [], timeout, log));
  } else {
    process.exitCode = await runSample(sample, files, timeout, (line) => process.stderr.write(line));
  }
  // a sample's connection left open does not keep the process alive once its result is known
  process.exit();
}

main();
