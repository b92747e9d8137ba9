// Everything started by the run registers its stop here, so code-server and
// chromium are ended on success, on failure, on a timeout and on Ctrl+C.
const stops = new Set();

/** Registers an async stop (optionally with a `.sync` variant for process exit); returns an unregister. */
export function onCleanup(stop) {
  stops.add(stop);
  return () => stops.delete(stop);
}

/** Runs every registered stop, newest first; never throws. */
export async function cleanupAll() {
  const list = [...stops].reverse();
  stops.clear();
  for (const stop of list) {
    try {
      await Promise.race([stop(), new Promise((r) => setTimeout(r, 15_000))]);
    } catch (err) {
      console.error('[e2e] cleanup:', err?.message ?? err);
    }
  }
}

process.on('exit', () => {
  for (const stop of stops) {
    try {
      stop.sync?.();
    } catch {
      // best effort
    }
  }
});

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`[e2e] ${sig}: stopping code-server and chromium`);
    cleanupAll().finally(() => process.exit(130));
  });
}
