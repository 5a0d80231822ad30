#!/usr/bin/env node
// Runs one samplegen NodeJS sample (native http/https, Node's fetch, unirest, axios in a page) as
// `node SAMPLE.js` would, with the packages it imports or requires resolved from this folder's
// node_modules wherever the sample lives, and checks that every request it makes gets a response.
//
//   node run-node.js SAMPLE.js [--file PATH]...
//
// --file   for a sample written for a browser page (axios): the bytes of `fileInput.files[0]`,
//          the page's <input type="file">; repeat it for files[1], files[2]... Each is a `File`
//          with the path's base name and the type a browser gives from its extension ("" when
//          unknown). The page's `process.env` is the runner's environment, as a bundler's
//          build-time replacement of `process.env.NAME` would give it (Node has it anyway).
//
// The sample may be CommonJS (`require`) or an ES module (`import`, which Node 20.19 and later
// detect in a `.js` file). Requests are seen through `http.request`, `https.request` (which
// `request`, unirest, form-data and axios call) and the global `fetch`.
//
// Exit codes: 0 every request got a response; 1 a request failed (network error, or a fetch()
// rejected: a sample's own `catch` only prints it) or the sample threw later; 2 bad usage; 3 the
// sample threw while loading or made no request.
"use strict";

const fs = require("fs");
const http = require("http");
const https = require("https");
const path = require("path");
const Module = require("module");
const { pathToFileURL } = require("url");
const mime = require("mime-types");

function usage() {
  process.stderr.write("usage: node run-node.js SAMPLE.js [--file PATH]...\n");
  process.exit(2);
}

const args = process.argv.slice(2);
const files = [];
let sample = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--file" && i + 1 < args.length) {
    files.push(args[++i]);
  } else if (sample === null && !args[i].startsWith("--")) {
    sample = args[i];
  } else {
    usage();
  }
}
if (sample === null) {
  usage();
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

if (files.length > 0) {
  globalThis.fileInput = {
    files: files.map((file) => {
      const name = path.basename(file);
      return new File([fs.readFileSync(file)], name, { type: mime.lookup(name) || "" });
    }),
  };
}

let requests = 0;
function failed(what, error) {
  process.stderr.write(`run-node: ${what}: ${(error && (error.cause || error.stack)) || error}\n`);
  process.exitCode = 1;
}
for (const module of [http, https]) {
  const request = module.request;
  module.request = function watchedRequest(...requestArgs) {
    requests++;
    const outgoing = request.apply(this, requestArgs);
    outgoing.on("error", (error) => failed("a request failed", error));
    return outgoing;
  };
}
const fetch = globalThis.fetch;
globalThis.fetch = function watchedFetch(...fetchArgs) {
  requests++;
  const call = fetch.apply(this, fetchArgs);
  call.catch((error) => failed("fetch failed", error));
  return call;
};
process.on("uncaughtException", (error) => failed("the sample threw", error));
process.on("unhandledRejection", (error) => failed("the sample threw", error));

import(pathToFileURL(path.resolve(sample)).href).then(
  () => {
    process.on("exit", () => {
      if (requests === 0 && process.exitCode !== 1) {
        process.stderr.write("run-node: the sample made no request\n");
        process.exitCode = 3;
      }
    });
  },
  (error) => {
    process.stderr.write(`run-node: the sample threw: ${(error && error.stack) || error}\n`);
    process.exit(3);
  }
);
