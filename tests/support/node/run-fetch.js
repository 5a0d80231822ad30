#!/usr/bin/env node
// Runs one samplegen fetch sample with Node's own `fetch` (Node 18 and later), as a browser page
// would run it, and checks that every `fetch()` call got a response.
//
//   node run-fetch.js SAMPLE.js [--file PATH]...
//
// --file   the bytes of `fileInput.files[0]`, the page's <input type="file"> the sample reads for
//          file bodies and multipart file parts; repeat it for files[1], files[2]... Each is a
//          `File` with the path's base name and the type a browser gives from its extension
//          ("" when unknown, which fetch sends as application/octet-stream).
//
// Exit codes: 0 every fetch() call got a response; 1 a call was rejected (network error, or a
// request fetch refuses to make); 2 bad usage; 3 the sample threw or made no fetch() call.
"use strict";

const fs = require("fs");
const path = require("path");
const mime = require("mime-types");

const args = process.argv.slice(2);
const files = [];
let sample = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--file" && i + 1 < args.length) {
    files.push(args[++i]);
  } else if (sample === null && !args[i].startsWith("--")) {
    sample = args[i];
  } else {
    process.stderr.write("usage: node run-fetch.js SAMPLE.js [--file PATH]...\n");
    process.exit(2);
  }
}
if (sample === null) {
  process.stderr.write("usage: node run-fetch.js SAMPLE.js [--file PATH]...\n");
  process.exit(2);
}

globalThis.fileInput = {
  files: files.map((file) => {
    const name = path.basename(file);
    return new File([fs.readFileSync(file)], name, { type: mime.lookup(name) || "" });
  }),
};

const calls = [];
const realFetch = globalThis.fetch;
globalThis.fetch = (...fetchArgs) => {
  const call = realFetch(...fetchArgs);
  calls.push(call);
  return call;
};

try {
  require(path.resolve(sample));
} catch (error) {
  process.stderr.write(`run-fetch: the sample threw: ${error && error.stack || error}\n`);
  process.exit(3);
}
if (calls.length === 0) {
  process.stderr.write("run-fetch: the sample made no fetch() call\n");
  process.exit(3);
}
Promise.allSettled(calls).then((results) => {
  for (const result of results) {
    if (result.status === "rejected") {
      const error = result.reason;
      process.stderr.write(`run-fetch: fetch failed: ${error && error.cause || error}\n`);
      process.exitCode = 1;
    }
  }
});
