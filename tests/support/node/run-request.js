#!/usr/bin/env node
// Runs one samplegen NodeJS sample (the `request` package) with this folder's node_modules, and
// waits until its request has completed.
//
//   node run-request.js SAMPLE.js [--timeout MS]
//   node run-request.js --many JOBS.json   many samples, one after the other, in this one process:
//                        JOBS is a list of {sample, result, env} (see many.js); each RESULT file
//                        gets `ok`, or `failed` and the lines below that would have gone to stderr.
//
// The sample runs as it is, as `node SAMPLE.js` would run it (its own `require('fs')`, paths and
// callback), except that `require('request')` resolves to this folder's copy wherever the sample
// lives. Without this script, `NODE_PATH=<this folder>/node_modules node SAMPLE.js` does the same
// minus the checks below.
//
// Exit codes: 0 every request() call got a response; 1 the sample threw (its callback does
// `throw new Error(error)` on a network error) or a call got an error; 2 bad usage; 3 the sample
// made no request() call; 4 timeout ($SAMPLEGEN_TIMEOUT_MS or --timeout, default 10000 ms).
// On success, stderr gets one line per request: `run-request: done METHOD URL -> STATUS`.
"use strict";

const path = require("path");
const fs = require("fs");
const Module = require("module");

function usage(message) {
  process.stderr.write(
    (message ? `run-request: ${message}\n` : "") +
      "usage: node run-request.js SAMPLE.js [--timeout MS] | node run-request.js --many JOBS.json\n"
  );
  process.exit(2);
}

const argv = process.argv.slice(2);
let sample = null;
let jobsPath = null;
let timeout = Number(process.env.SAMPLEGEN_TIMEOUT_MS || 10000);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--timeout" || argv[i] === "--many") {
    if (i + 1 >= argv.length) {
      usage(`${argv[i]} needs a value`);
    }
    if (argv[i] === "--many") {
      jobsPath = argv[++i];
    } else {
      timeout = Number(argv[++i]);
    }
  } else if (argv[i] === "-h" || argv[i] === "--help") {
    usage();
  } else if (argv[i].startsWith("--") || sample !== null) {
    usage(`unexpected argument ${argv[i]}`);
  } else {
    sample = argv[i];
  }
}
if ((sample === null) === (jobsPath === null)) {
  usage();
}
if (!Number.isFinite(timeout) || timeout <= 0) {
  usage("--timeout must be a positive number of milliseconds");
}

// `require('request')` from anywhere resolves to this folder's node_modules (as NODE_PATH would).
const nodeModules = path.join(__dirname, "node_modules");
process.env.NODE_PATH = process.env.NODE_PATH ? `${nodeModules}${path.delimiter}${process.env.NODE_PATH}` : nodeModules;
Module._initPaths();

// The sample running now: its request() calls, those still waiting, whether one failed, where
// its lines go, and what to call when its last request has completed.
function newRun(log) {
  return { calls: 0, pending: 0, failed: false, log, done: () => {} };
}
let current = null;

// Wrap the request function so that every call and its outcome are seen.
const requestPath = require.resolve("request", { paths: [nodeModules] });
const request = require(requestPath);

function wrapped(...args) {
  const run = current;
  run.calls++;
  run.pending++;
  const last = args.length - 1;
  const options = args.find((a) => a && typeof a === "object") || {};
  const url = typeof args[0] === "string" ? args[0] : options.url || options.uri;
  const label = `${String(options.method || "GET").toUpperCase()} ${url}`;
  const callback = typeof args[last] === "function" ? args[last] : null;
  const finish = (error, response) => {
    run.pending--;
    if (error) {
      run.failed = true;
      run.log(`run-request: failed ${label}: ${error.message || error}\n`);
    } else {
      run.log(`run-request: done ${label} -> ${response && response.statusCode}\n`);
    }
    if (run.pending === 0) {
      run.done();
    }
  };
  if (callback) {
    args[last] = function onResponse(error, response, body) {
      finish(error, response);
      return callback.call(this, error, response, body);
    };
    return request.apply(this, args);
  }
  const r = request.apply(this, args);
  r.on("response", (response) => finish(null, response));
  r.on("error", (error) => finish(error));
  return r;
}
Object.assign(wrapped, request);
Object.setPrototypeOf(wrapped, Object.getPrototypeOf(request));
require.cache[requestPath].exports = wrapped;

// Runs the sample as the main program would; a `.js` extension is not required.
function runSample(samplePath) {
  const code = fs.readFileSync(samplePath, "utf8");
  const sampleModule = new Module(samplePath, null);
  sampleModule.filename = samplePath;
  sampleModule.paths = Module._nodeModulePaths(path.dirname(samplePath));
  sampleModule._compile(code, samplePath);
}

if (jobsPath === null) {
  const samplePath = path.resolve(sample);
  if (!fs.existsSync(samplePath)) {
    usage(`cannot read ${sample}`);
  }
  current = newRun((line) => process.stderr.write(line));
  const timer = setTimeout(() => {
    process.stderr.write(`run-request: timed out after ${timeout} ms waiting for the request\n`);
    process.exit(4);
  }, timeout);
  // The timer alone does not keep the process alive: a sample that makes no request ends at once.
  timer.unref();
  current.done = () => clearTimeout(timer);
  process.on("exit", (code) => {
    if (code !== 0) {
      return;
    }
    if (current.calls === 0) {
      process.stderr.write("run-request: the sample made no request() call\n");
      process.exitCode = 3;
    } else if (current.pending > 0) {
      process.stderr.write("run-request: the sample ended before its request completed\n");
      process.exitCode = 1;
    } else if (current.failed) {
      process.exitCode = 1;
    }
  });
  runSample(samplePath);
} else {
  runMany(jobsPath);
}

async function runMany(jobsFile) {
  // a sample's callback throws on a network error: that is the running sample's failure
  process.on("uncaughtException", (error) => {
    if (current) {
      current.failed = true;
      current.log(`run-request: the sample threw: ${error && error.stack ? error.stack : error}\n`);
      current.done();
    }
  });
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  await require("./many.js").runMany(jobsFile, async (job, log) => {
    const run = newRun(log);
    const finished = new Promise((resolve) => {
      run.done = resolve;
    });
    current = run;
    try {
      runSample(path.resolve(job.sample));
    } catch (error) {
      run.failed = true;
      run.log(`run-request: the sample threw: ${error && error.stack ? error.stack : error}\n`);
    }
    if (run.calls === 0 && !run.failed) {
      await nextTurn();
    }
    if (run.calls === 0 && !run.failed) {
      run.failed = true;
      run.log("run-request: the sample made no request() call\n");
    } else if (run.pending > 0) {
      let timer;
      const timedOut = await Promise.race([
        finished.then(() => false),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(true), timeout);
        })
      ]);
      clearTimeout(timer);
      if (timedOut) {
        run.failed = true;
        run.log(`run-request: timed out after ${timeout} ms waiting for the request\n`);
      }
    }
    // what the sample's callback does runs to its end
    await nextTurn();
    return run.failed ? 1 : 0;
  });
  current = null;
  process.exit(0);
}
