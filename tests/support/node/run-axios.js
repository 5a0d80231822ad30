#!/usr/bin/env node
// Runs one samplegen axios sample as `node SAMPLE.js` would, with `require('axios')` (and
// `form-data`, `qs`) resolved from this folder's node_modules, and checks that every request the
// sample makes gets a response.
//
//   node run-axios.js SAMPLE.js
//
// Exit codes: 0 every request got a response; 1 a request failed (network error, or an HTTP
// error status, which the sample's `catch` only prints); 2 bad usage; 3 the sample threw or made
// no request.
"use strict";

const path = require("path");
const Module = require("module");

const args = process.argv.slice(2);
if (args.length !== 1) {
  process.stderr.write("usage: node run-axios.js SAMPLE.js\n");
  process.exit(2);
}

const nodeModules = path.join(__dirname, "node_modules");
process.env.NODE_PATH = process.env.NODE_PATH
  ? `${nodeModules}${path.delimiter}${process.env.NODE_PATH}`
  : nodeModules;
Module._initPaths();

const axios = require(require.resolve("axios", { paths: [nodeModules] }));
let requests = 0;
axios.interceptors.request.use((config) => {
  requests++;
  return config;
});
axios.interceptors.response.use(
  (response) => response,
  (error) => {
    process.stderr.write(`run-axios: failed: ${error.message}\n`);
    process.exitCode = 1;
    return Promise.reject(error);
  }
);

try {
  require(path.resolve(args[0]));
} catch (error) {
  process.stderr.write(`run-axios: the sample threw: ${(error && error.stack) || error}\n`);
  process.exit(3);
}
process.on("exit", () => {
  if (requests === 0) {
    process.stderr.write("run-axios: the sample made no request\n");
    process.exitCode = 3;
  }
});
