'use strict';
// Evaluates one bundled sequence file in this child process and sends back
// the IR of every exported sequence. Runs with --enable-source-maps, so the
// DSL's stack-based source positions and any error's stack name the
// author's `.seq.ts` file. The parent kills this process on time-out.
const Module = require('node:module');
const path = require('node:path');

function isSequence(value) {
  return value !== null && typeof value === 'object' && typeof value.irVersion === 'number' && Array.isArray(value.paths);
}

function collect(moduleExports) {
  const found = [];
  const seen = new Set();
  const entries = Object.entries(moduleExports || {});
  for (const [name, value] of entries) {
    const candidates = Array.isArray(value) ? value : [value];
    for (const v of candidates) {
      if (isSequence(v) && !seen.has(v)) {
        seen.add(v);
        found.push({ exportName: name, ir: JSON.parse(JSON.stringify(v)) });
      }
    }
  }
  return found;
}

process.once('message', (msg) => {
  const { code, filename } = msg;
  try {
    const m = new Module(filename, null);
    m.filename = filename;
    m.paths = Module._nodeModulePaths(path.dirname(filename));
    m._compile(code, filename);
    process.send({ ok: true, sequences: collect(m.exports) }, () => process.exit(0));
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    process.send({ ok: false, error: { name: e.name, message: e.message, stack: String(e.stack || '') } }, () => process.exit(0));
  }
});

// Started ahead of use (see warm-child.ts): load the prebuilt DSL now, so the
// author's bundle finds it in the module cache; and leave when the parent does.
if (process.argv[2]) require(process.argv[2]);
process.on('disconnect', () => process.exit(0));

// A child busy in an endless loop never sees 'disconnect' (that needs its
// event loop), so a parent that dies without killing it (a crashed extension
// host, a SIGKILLed CLI) would leave it spinning at 100% CPU. A watchdog
// thread keeps its own event loop: when this process's parent changes (the
// orphan is re-parented), it kills the whole process.
const { Worker } = require('node:worker_threads');
const watchdog = new Worker(
  `const { workerData } = require('node:worker_threads');
   setInterval(() => { if (process.ppid !== workerData.parent) process.kill(process.pid, 'SIGKILL'); }, 500);`,
  { eval: true, workerData: { parent: process.ppid }, resourceLimits: { maxOldGenerationSizeMb: 8 } },
);
watchdog.unref();

// Up: Node started, the DSL loaded, the watchdog running. The parent starts
// the file's time limit only now, so a slow start on a busy machine is not
// taken for an endless loop in the author's file.
process.send({ ready: true });
