// Step-by-step logging with elapsed time since the run started.
const t0 = Date.now();

export function elapsed() {
  return ((Date.now() - t0) / 1000).toFixed(1).padStart(6) + 's';
}

export function log(...parts) {
  console.log(`[e2e ${elapsed()}]`, ...parts);
}

export function section(title) {
  console.log(`\n[e2e ${elapsed()}] == ${title}`);
}

/** Times an async function and logs how long it took. */
export async function timed(label, fn) {
  const start = Date.now();
  log(`${label}...`);
  const result = await fn();
  log(`${label}: done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return result;
}
