// Debian's chromium driven by playwright-core, with the flags that keep it
// off the (closed) network; closed by the run's cleanup.
import { chromium } from 'playwright-core';
import { onCleanup } from './cleanup.mjs';
import { log } from './log.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches chromium with a throwaway profile; returns { context, page, close }. */
export async function launchBrowser(executablePath, profileDir, { width = 1600, height = 1000, env } = {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    // Playwright kills the browser on SIGINT/SIGTERM/SIGHUP and at exit too.
    handleSIGINT: true,
    handleSIGTERM: true,
    handleSIGHUP: true,
    timeout: 60_000,
    // A throwaway HOME/XDG so chromium writes nothing into the real home.
    ...(env ? { env } : {}),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
  };
  const unregister = onCleanup(close);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => log(`page error: ${String(err?.message ?? err).split('\n')[0]}`));
  log(`chromium ${context.browser()?.version() ?? ''} started (profile ${profileDir})`);
  return {
    context,
    page,
    async close() {
      unregister();
      await close();
    },
  };
}
