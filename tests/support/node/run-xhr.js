#!/usr/bin/env node
// Runs one samplegen XHR sample (`new XMLHttpRequest()`) in a jsdom window, the way a browser page
// would, and waits until each request it sends has completed. Options, `--many` and exit codes
// are run-jquery.js's (this is that runner without jQuery): 0 every send() completed with a 2xx
// or 304; 1 a request failed (HTTP error status or network error); 2 bad usage; 3 the sample
// threw (XMLHttpRequest throws on a method or header value it refuses) or sent nothing; 4 timeout.
//
//   node run-xhr.js SAMPLE.js [ORIGIN] [--file PATH [--file-name NAME] [--file-type TYPE]]...
//                                       [--timeout MS] [--quiet]
//   node run-xhr.js --many JOBS.json
"use strict";

require("./run-jquery.js").main("xhr");
