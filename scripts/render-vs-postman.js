#!/usr/bin/env node
// The Postman half of scripts/render-vs-postman.sh: renders every request of REQUESTS.json with
// the Postman code generators for the 11 house targets, with their default options, on one core
// (Node runs JavaScript on one), and prints the median time of three runs.
//
// node scripts/render-vs-postman.js NODE_MODULES REQUESTS.json
'use strict';

const path = require('path');
const fs = require('fs');

const [modules, requestsFile] = process.argv.slice(2);
const codegen = require(path.join(modules, 'postman-code-generators'));
const sdk = require(path.join(modules, 'postman-collection'));

// the generator (language and variant) behind each house target
const generators = [
  ['curl', 'cURL'], ['csharp', 'RestSharp'], ['go', 'Native'], ['http', 'HTTP'],
  ['java', 'OkHttp'], ['javascript', 'jQuery'], ['nodejs', 'Request'], ['python', 'Requests'],
  ['php', 'HTTP_Request2'], ['ruby', 'Net::HTTP'], ['swift', 'URLSession']
];

function renderAll (requests) {
  let snippets = 0;
  for (const request of requests) {
    for (const [language, variant] of generators) {
      codegen.convert(language, variant, request, {}, (error, snippet) => {
        if (error) { throw new Error(`${language}/${variant}: ${error}`); }
        if (typeof snippet === 'string') { snippets += 1; }
      });
    }
  }
  return snippets;
}

const requests = JSON.parse(fs.readFileSync(requestsFile, 'utf8')).map((d) => new sdk.Request(d));
renderAll(requests.slice(0, 200)); // warm the JIT, as samplegen's render is warmed
// the median of as many runs as samplegen's side makes (ROUNDS in examples/render_vs_postman.rs)
const rounds = 3;
const runs = [];
let snippets = 0;
for (let round = 0; round < rounds; round += 1) {
  const started = process.hrtime.bigint();
  snippets = renderAll(requests);
  runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (snippets !== requests.length * generators.length) {
    throw new Error(`only ${snippets} snippets rendered`);
  }
}
runs.sort((a, b) => a - b);
const ms = runs[Math.floor(rounds / 2)];
console.log(`postman-code-generators: ${snippets} samples: ${ms.toFixed(0)} ms on one core`);
console.log(`postman-ms ${ms.toFixed(0)}`);
