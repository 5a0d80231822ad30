// `--many JOBS.json`, shared by the harnesses: runs many samples one after the other in this one
// process, each with the environment of its own, and writes what each came to in its result file.
//
// JOBS is a list of {sample, result, env, ...}: `env` holds the secrets the sample reads and their
// test values. verify starts the batch with every sample's secrets set, so while one sample runs,
// process.env holds its own and none of the others'. A global a sample leaves behind is removed
// before the next one runs.
"use strict";

const fs = require("fs");

// `runOne(job, log)` runs one job and resolves to 0 when it passed, else anything else, having
// said why through `log(line)`; the job's RESULT file gets `ok`, or `failed` and those lines.
async function runMany(jobsPath, runOne) {
  const jobs = JSON.parse(fs.readFileSync(jobsPath, "utf8"));
  const secrets = new Set(jobs.flatMap((job) => Object.keys(job.env || {})));
  const globals = new Set(Reflect.ownKeys(globalThis));
  for (const job of jobs) {
    for (const name of secrets) {
      delete process.env[name];
    }
    Object.assign(process.env, job.env || {});
    const lines = [];
    const log = (line) => lines.push(line);
    let status;
    try {
      status = await runOne(job, log);
    } catch (error) {
      log(`the harness failed on this sample: ${(error && error.stack) || error}\n`);
      status = 1;
    }
    for (const name of Reflect.ownKeys(globalThis)) {
      if (!globals.has(name)) {
        delete globalThis[name];
      }
    }
    fs.writeFileSync(job.result, status === 0 ? "ok\n" : `failed\n${lines.join("")}`);
  }
}

module.exports = { runMany };
