#!/usr/bin/env node
// Runs one samplegen jQuery sample (`$.ajax(settings)`) in a jsdom window, the way a browser page
// would, and waits until its request has completed.
//
//   node run-jquery.js SAMPLE.js [ORIGIN] [--file PATH [--file-name NAME] [--file-type TYPE]]...
//                                          [--timeout MS] [--quiet]
//   node run-jquery.js --many JOBS.json    many samples, one after the other (see runMany below)
//
// ORIGIN     the page's URL, e.g. http://127.0.0.1:8080/ (the echo server), so that the sample's
//            request is same-origin and CORS never applies. Defaults to $SAMPLEGEN_ORIGIN, else the
//            origin of the sample's first "url": "http(s)://..." string, else http://localhost/.
//            (`--origin URL` is the same as the positional ORIGIN.)
// --file     the bytes of `fileInput.files[0]`, the <input type="file"> the samples read for
//            multipart file parts and file bodies ($SAMPLEGEN_FILE). Repeat it for files[1],
//            files[2]... Without it: one small text file, "sample.txt", text/plain.
// --file-name  the name of the file given by the --file before it (default: its base name).
// --file-type  the MIME type of the file given by the --file before it (default: what a browser
//            gives, from the name's extension, "" when unknown; $SAMPLEGEN_FILE_TYPE for the first).
//            jsdom sends a multipart file part of type "" as application/octet-stream.
// --timeout  how long to wait for the request(s) ($SAMPLEGEN_TIMEOUT_MS; default 10000 ms).
// --quiet    do not forward the page's console (the sample's console.log of the response).
//
// Exit codes: 0 every $.ajax call completed with success (`done`); 1 a call failed (`fail`:
// HTTP error status, network error, or an exception jQuery caught while sending, e.g. a header
// value XHR refuses); 2 bad usage; 3 the sample threw or made no $.ajax call; 4 timeout.
// A line on stderr says why. On success, stderr gets one line per request:
// `run-jquery: done METHOD URL -> STATUS`.
"use strict";

const fs = require("fs");
const path = require("path");
const { JSDOM, VirtualConsole } = require("jsdom");
const mime = require("mime-types");

const JQUERY_PATH = require.resolve("jquery/dist/jquery.js");

function usage(message) {
  process.stderr.write(
    (message ? `run-jquery: ${message}\n` : "") +
      "usage: node run-jquery.js SAMPLE.js [ORIGIN] [--file PATH [--file-name NAME] " +
      "[--file-type TYPE]]... [--timeout MS] [--quiet]\n"
  );
  process.exit(2);
}

function parseArgs(argv, client) {
  const opts = {
    sample: null,
    origin: process.env.SAMPLEGEN_ORIGIN || null,
    // { path, name, type }: name and type null until given.
    files: process.env.SAMPLEGEN_FILE
      ? [{
          path: process.env.SAMPLEGEN_FILE,
          name: process.env.SAMPLEGEN_FILE_NAME || null,
          type: process.env.SAMPLEGEN_FILE_TYPE !== undefined ? process.env.SAMPLEGEN_FILE_TYPE : null
        }]
      : [],
    timeout: Number(process.env.SAMPLEGEN_TIMEOUT_MS || 10000),
    quiet: false,
    client
  };
  const positional = [];
  let fromArgs = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const takeValue = () => {
      if (i + 1 >= argv.length) {
        usage(`${arg} needs a value`);
      }
      return argv[++i];
    };
    switch (arg) {
      case "--file":
        if (!fromArgs) {
          opts.files = []; // --file replaces $SAMPLEGEN_FILE
          fromArgs = true;
        }
        opts.files.push({ path: takeValue(), name: null, type: null });
        break;
      case "--file-name":
      case "--file-type": {
        const value = takeValue();
        const last = opts.files[opts.files.length - 1];
        if (!last) {
          usage(`${arg} must follow a --file`);
        }
        last[arg === "--file-name" ? "name" : "type"] = value;
        break;
      }
      case "--timeout": opts.timeout = Number(takeValue()); break;
      case "--origin": opts.origin = takeValue(); break;
      case "--quiet": opts.quiet = true; break;
      case "-h":
      case "--help": usage(); break;
      default:
        if (arg.startsWith("--")) {
          usage(`unknown option ${arg}`);
        }
        positional.push(arg);
    }
  }
  if (positional.length < 1 || positional.length > 2) {
    usage();
  }
  opts.sample = positional[0];
  if (positional[1]) {
    opts.origin = positional[1];
  }
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) {
    usage("--timeout must be a positive number of milliseconds");
  }
  return opts;
}

// The page URL: the origin given, else the origin of the sample's first absolute URL.
function pageURL(origin, code) {
  let candidate = origin;
  if (!candidate) {
    const m = /"url":\s*"(https?:\/\/[^"\\/?#]+)/.exec(code);
    candidate = m ? m[1] : "http://localhost/";
  }
  let url;
  try {
    url = new URL(candidate);
  } catch {
    throw new Error(`not a URL: ${candidate}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`the origin must be http(s): ${candidate}`);
  }
  return `${url.origin}/`;
}

// Runs one sample in a fresh jsdom window; resolves to its exit code (see the top), after
// writing why to `log` (a function taking a line).
async function runSample(opts, log) {
  let code;
  try {
    code = fs.readFileSync(opts.sample, "utf8");
  } catch (e) {
    log(`run-jquery: cannot read ${opts.sample}: ${e.message}\n`);
    return 2;
  }

  const fileSpecs = [];
  for (const f of opts.files) {
    let bytes;
    try {
      bytes = fs.readFileSync(f.path);
    } catch (e) {
      log(`run-jquery: cannot read --file ${f.path}: ${e.message}\n`);
      return 2;
    }
    const name = f.name !== null ? f.name : path.basename(f.path);
    // As a browser's <input type="file">: the type from the name's extension, "" when unknown.
    const type = f.type !== null ? f.type : mime.lookup(name) || "";
    fileSpecs.push({ bytes, name, type });
  }
  if (fileSpecs.length === 0) {
    fileSpecs.push({ bytes: Buffer.from("samplegen test file\n", "utf8"), name: "sample.txt", type: "text/plain" });
  }
  let url;
  try {
    url = pageURL(opts.origin, code);
  } catch (e) {
    log(`run-jquery: ${e.message}\n`);
    return 2;
  }

  const virtualConsole = new VirtualConsole();
  if (!opts.quiet) {
    // The page's console.log (the sample prints the response) goes to stdout; jsdom's own
    // errors go to stderr.
    virtualConsole.forwardTo(console, { jsdomErrors: "none" });
  }
  virtualConsole.on("jsdomError", (e) => {
    log(`run-jquery: jsdom: ${e.message}${e.cause ? ` (${e.cause.message || e.cause})` : ""}\n`);
  });

  const dom = new JSDOM(
    `<!DOCTYPE html><html><head><title>samplegen verify</title></head>` +
      `<body><input type="file" id="fileInput"></body></html>`,
    {
      url,
      runScripts: "outside-only",
      pretendToBeVisual: false,
      virtualConsole
    }
  );
  const { window } = dom;
  try {
    return await runInWindow(window, code, fileSpecs, opts, log);
  } finally {
    // jsdom keeps sockets alive otherwise
    window.close();
  }
}

async function runInWindow(window, code, fileSpecs, opts, log) {
  const calls = [];
  const watching = CLIENTS[opts.client](window, calls, log);
  if (!watching) {
    return 3;
  }

  // `fileInput`: the page's <input type="file">, whose files[0] is a jsdom File. jsdom gives no
  // way to fill a real FileList (no DataTransfer), so `files` is replaced by a FileList-like list.
  const fileObjects = fileSpecs.map((f) => new window.File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
  const fileInput = window.document.getElementById("fileInput");
  const files = { length: fileObjects.length, item: (i) => fileObjects[i] || null };
  fileObjects.forEach((f, i) => {
    files[i] = f;
  });
  files[Symbol.iterator] = function* iterate() {
    yield* fileObjects;
  };
  Object.defineProperty(fileInput, "files", { configurable: true, get: () => files });
  window.fileInput = fileInput;
  // A secret is read as `process.env.NAME`, which a bundler (webpack, esbuild, Parcel) replaces
  // with the value at build time; here the page sees the runner's environment the same way.
  window.process = { env: Object.assign({}, process.env) };

  try {
    window.eval(code);
  } catch (e) {
    log(`run-${opts.client}: the sample threw: ${e && e.stack ? e.stack : e}\n`);
    return 3;
  }
  if (calls.length === 0) {
    log(`run-${opts.client}: the sample made no ${opts.client === "xhr" ? "XMLHttpRequest send()" : "$.ajax"} call\n`);
    return 3;
  }

  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), opts.timeout);
  });
  const results = await Promise.race([Promise.all(calls), timeout]);
  clearTimeout(timer);
  if (results === null) {
    log(`run-${opts.client}: timed out after ${opts.timeout} ms waiting for the request\n`);
    return 4;
  }
  let failed = false;
  for (const r of results) {
    if (r.ok) {
      log(`run-${opts.client}: done ${r.label} -> ${r.status}\n`);
    } else {
      failed = true;
      log(
        `run-${opts.client}: failed ${r.label} -> status ${r.status} (${r.textStatus}` +
          `${r.error ? `: ${r.error}` : ""})` +
          (r.crossOrigin && r.status === 0
            ? `; the request is cross-origin to the page ${window.location.origin}, so CORS applies: ` +
              "give the server's origin as ORIGIN"
            : "") +
          "\n"
      );
    }
  }
  // Let the page's console output flush.
  await new Promise((resolve) => setImmediate(resolve));
  return failed ? 1 : 0;
}

// The clients a page can use: each loads what it needs into the window and pushes onto `calls`
// a promise per request, resolved with {ok, label, status, textStatus, error, crossOrigin}.
const CLIENTS = { jquery: watchJquery, xhr: watchXhr };

// jQuery, as a <script src="jquery.js"> would load it (it finds `window` and sets $ and jQuery),
// with every $.ajax call watched.
function watchJquery(window, calls, log) {
  window.eval(jquerySource());
  const $ = window.jQuery;
  if (typeof $ !== "function" || typeof $.ajax !== "function") {
    log("run-jquery: jQuery did not load into the window\n");
    return false;
  }
  // Watch every $.ajax call: each one is a request to wait for.
  const originalAjax = $.ajax;
  $.ajax = function ajax(url, options) {
    const settings = typeof url === "object" ? url : Object.assign({}, options, { url });
    const label = `${String(settings.method || settings.type || "GET").toUpperCase()} ${settings.url}`;
    let crossOrigin = false;
    try {
      crossOrigin = new window.URL(settings.url, window.location.href).origin !== window.location.origin;
    } catch {
      // jQuery reports a URL it cannot use.
    }
    const jqXHR = originalAjax.apply(this, arguments);
    calls.push(
      new Promise((resolve) => {
        jqXHR.then(
          () => resolve({ ok: true, label, status: jqXHR.status }),
          (xhr, textStatus, errorThrown) =>
            resolve({
              ok: false,
              label,
              status: xhr.status,
              textStatus,
              error: errorThrown && (errorThrown.message || String(errorThrown)),
              crossOrigin
            })
        );
      })
    );
    return jqXHR;
  };
  return true;
}

// The page's own XMLHttpRequest (jsdom's), with every send() watched until its loadend.
function watchXhr(window, calls) {
  const proto = window.XMLHttpRequest.prototype;
  const open = proto.open;
  const send = proto.send;
  const labels = new WeakMap();
  proto.open = function watchedOpen(method, url) {
    labels.set(this, `${String(method).toUpperCase()} ${url}`);
    return open.apply(this, arguments);
  };
  proto.send = function watchedSend() {
    const xhr = this;
    const label = labels.get(xhr);
    let crossOrigin = false;
    try {
      crossOrigin = new window.URL(label.split(" ").slice(1).join(" "), window.location.href).origin !== window.location.origin;
    } catch {
      // send() reports a URL it cannot use.
    }
    const settled = new Promise((resolve) => {
      xhr.addEventListener("loadend", () => {
        const ok = (xhr.status >= 200 && xhr.status < 300) || xhr.status === 304;
        resolve({ ok, label, status: xhr.status, textStatus: ok ? "success" : "error", crossOrigin });
      });
    });
    const result = send.apply(this, arguments);
    calls.push(settled);
    return result;
  };
  return true;
}

let jquery = null;
function jquerySource() {
  if (jquery === null) {
    jquery = fs.readFileSync(JQUERY_PATH, "utf8");
  }
  return jquery;
}

// `--many JOBS.json`: JOBS is a list of {sample, origin, files: [path...], result, env} (see
// many.js); each sample runs in its own window, one after the other, its page's `process.env`
// holding its own secrets, and its RESULT file gets `ok`, or `failed` and the lines it logged.
function runMany(jobsPath, client) {
  return require("./many.js").runMany(jobsPath, (job, log) =>
    runSample(
      {
        sample: job.sample,
        origin: job.origin,
        files: (job.files || []).map((p) => ({ path: p, name: null, type: null })),
        timeout: Number(process.env.SAMPLEGEN_TIMEOUT_MS || 10000),
        quiet: true,
        client
      },
      log
    )
  );
}

// `client`: "jquery" (this script) or "xhr" (run-xhr.js, which runs a page's own XMLHttpRequest).
async function main(client) {
  const argv = process.argv.slice(2);
  if (argv[0] === "--many") {
    if (argv.length !== 2) {
      usage("--many takes one JOBS.json");
    }
    await runMany(argv[1], client);
    process.exit(0);
  }
  const opts = parseArgs(argv, client);
  const status = await runSample(opts, (line) => process.stderr.write(line));
  if (status === 2) {
    usage();
  }
  process.exit(status);
}

module.exports = { main };
if (require.main === module) {
  main("jquery");
}
