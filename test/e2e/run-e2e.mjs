#!/usr/bin/env node
// End-to-end test of the Nudge extension in a real VS Code (code-server in
// Debian's chromium, driven by playwright-core). See test/e2e/README.md.
//
//   npm run test:e2e            # install (cached), package, run every check
//   NUDGE_E2E_ONLY=canvas npm run test:e2e   # checks whose name contains "canvas"
//
// Environment: NUDGE_E2E_CACHE (cache folder, default <repo>/.e2e-cache),
// NUDGE_E2E_TIMEOUT_S (whole run, default 1500), NUDGE_E2E_KEEP=1 (keep the
// throwaway folder), NUDGE_E2E_SKIP_PACKAGE=1 (reuse the last .vsix).
import { copyFileSync, cpSync, existsSync, renameSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badMergeText, BAD_MERGE, checks } from './checks.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { cleanupAll } from './lib/cleanup.mjs';
import { installExtension, isolatedEnv, quietSettings, runFolders, startCodeServer, writeUserSettings } from './lib/code-server.mjs';
import { run } from './lib/exec.mjs';
import { ensureTools } from './lib/install.mjs';
import { log, section, timed } from './lib/log.mjs';
import { buildAndPackage } from './lib/package-extension.mjs';
import { Workbench } from './lib/workbench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const cacheDir = resolve(repo, process.env.NUDGE_E2E_CACHE ?? '.e2e-cache');
const screenshots = join(here, 'screenshots');
const timeoutS = Number(process.env.NUDGE_E2E_TIMEOUT_S ?? 1500);
const only = process.env.NUDGE_E2E_ONLY;

let currentStep = 'setup';
const results = [];

const watchdog = setTimeout(async () => {
  console.error(`\n[e2e] FAILED: timed out after ${timeoutS} s in "${currentStep}"`);
  await cleanupAll();
  process.exit(1);
}, timeoutS * 1000);

/** The step nodes of the sample's IR, from the CLI's Mermaid text: ids starting with step_. */
async function expectedFromCli() {
  const text = await run(process.execPath, ['dist/cli.js', 'render', 'samples/lead-welcome.seq.ts'], { cwd: repo });
  const ids = new Set();
  let engagedNode;
  for (const line of text.split('\n')) {
    const m = /^\s*(step_[A-Za-z0-9_]+)\s*[[({>/]/.exec(line);
    if (!m || line.includes('-->')) continue;
    ids.add(m[1]);
    if (/Apply tag: Engaged-Lead/.test(line)) engagedNode = m[1];
  }
  if (ids.size === 0) throw new Error(`nudge render printed no step_ nodes:\n${text.slice(0, 500)}`);
  if (!engagedNode) throw new Error('nudge render printed no "Apply tag: Engaged-Lead" node');
  return { stepNodes: ids.size, engagedNode };
}

async function main() {
  const started = Date.now();
  section('Install (cache: ' + cacheDir + ')');
  currentStep = 'install';
  const { paths, versions, installSeconds } = await ensureTools(cacheDir);

  section('Build and package the extension');
  currentStep = 'package';
  const cacheRel = relative(repo, cacheDir);
  const inRepo = cacheRel && !cacheRel.startsWith('..') && !isAbsolute(cacheRel);
  const runDir = mkdtempSync(join(tmpdir(), 'nudge-e2e-'));
  log(`throwaway folder ${runDir}`);
  // Each run packages into its own folder; the cache keeps a copy of the last
  // package for NUDGE_E2E_SKIP_PACKAGE=1.
  const lastVsix = join(cacheDir, 'nudge-e2e.vsix');
  let vsixInfo;
  if (process.env.NUDGE_E2E_SKIP_PACKAGE === '1' && existsSync(lastVsix)) {
    vsixInfo = { vsix: lastVsix };
    log(`reusing ${lastVsix}`);
  } else {
    vsixInfo = await buildAndPackage(repo, cacheDir, inRepo ? cacheRel : '.e2e-cache', join(runDir, 'nudge.vsix'));
    copyFileSync(vsixInfo.vsix, `${lastVsix}.${process.pid}`);
    renameSync(`${lastVsix}.${process.pid}`, lastVsix);
  }
  const expected = await expectedFromCli();
  log(`expected from nudge render: ${expected.stepNodes} step nodes; Engaged-Lead node ${expected.engagedNode}`);

  section('Start code-server');
  currentStep = 'code-server';
  const folders = runFolders(runDir);
  const workspace = join(runDir, 'workspace');
  cpSync(join(repo, 'samples'), workspace, { recursive: true });
  const sample = readFileSync(join(workspace, 'lead-welcome.seq.ts'), 'utf8');
  const bad = badMergeText(sample);
  writeFileSync(join(workspace, BAD_MERGE), bad.text);
  log(`workspace copy of samples/ with ${BAD_MERGE} (~Contact.Fristname~ on line ${bad.line})`);
  await timed('Install the .vsix into the throwaway extensions dir', async () =>
    log(await installExtension(paths, folders, vsixInfo.vsix)),
  );
  const installed = readdirSync(folders.extensions).filter((d) => !d.startsWith('.') && d !== 'extensions.json');
  log(`extensions dir: ${installed.join(', ')}`);
  if (!installed.some((d) => d.startsWith('nudge.nudge-'))) throw new Error('the .vsix did not install as nudge.nudge-*');

  writeUserSettings(
    folders,
    quietSettings({
      'nudge.accountTimeZone': 'America/New_York',
      'nudge.contactsFile': 'contacts.json',
      // Typing in the tests must give exactly the typed text.
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoSurround': 'never',
      'editor.quickSuggestions': { other: false, comments: false, strings: false },
      'editor.suggestOnTriggerCharacters': false,
      'editor.acceptSuggestionOnCommitCharacter': false,
      'editor.parameterHints.enabled': false,
      'editor.formatOnType': false,
      'editor.inlineSuggest.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }),
  );
  const server = await timed('Start code-server and wait for /healthz', () => startCodeServer(paths, folders, workspace));

  section('Open the workbench in chromium');
  currentStep = 'browser';
  const browser = await launchBrowser(paths.chromium, join(runDir, 'chromium-profile'), { env: isolatedEnv(paths, folders) });
  const wb = new Workbench(browser.page);
  await timed('Load the workbench', () => wb.open(server.url));
  const shot = (name) => wb.screenshot(join(screenshots, `${name}.png`));
  await shot('0-workbench');

  const ctx = { wb, shot, expected, workspace, repo, badMergeLine: bad.line };
  for (const check of checks) {
    if (only && !only.split(',').some((o) => check.name.includes(o))) continue;
    currentStep = check.name;
    section(`Check ${check.name}: ${check.title}`);
    const t = Date.now();
    try {
      await check.run(ctx);
      results.push({ name: check.name, ok: true, ms: Date.now() - t });
      log(`PASS ${check.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    } catch (err) {
      results.push({ name: check.name, ok: false, ms: Date.now() - t, error: err?.message ?? String(err) });
      log(`FAIL ${check.name}: ${err?.message ?? err}`);
      await wb.screenshot(join(screenshots, `FAILED-${check.name}.png`)).catch(() => {});
      const toasts = await wb.notifications();
      if (toasts.length) log(`notifications: ${JSON.stringify(toasts)}`);
      await wb.closeQuickInput().catch(() => {});
    }
  }

  currentStep = 'shutdown';
  await timed('Close chromium', () => browser.close());
  await timed('Stop code-server', () => server.stop());
  const failed = results.filter((r) => !r.ok);
  if (failed.length && existsSync(folders.log)) {
    const tail = readFileSync(folders.log, 'utf8').split('\n').slice(-30).join('\n');
    log(`code-server log (last lines, ${folders.log}):\n${tail}`);
  }
  if (process.env.NUDGE_E2E_KEEP === '1' || failed.length) log(`kept ${runDir}`);
  else rmSync(runDir, { recursive: true, force: true });

  section('Summary');
  log(`install: ${installSeconds ? `${installSeconds} s` : 'cached'} (node ${versions.node}, code-server ${versions.codeServerVersion ?? versions.codeServer})`);
  if (vsixInfo.size) log(`.vsix: ${(vsixInfo.size / 1024 / 1024).toFixed(1)} MB, ${vsixInfo.files} files`);
  for (const r of results) log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name} (${(r.ms / 1000).toFixed(1)} s)${r.ok ? '' : `: ${r.error}`}`);
  log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`e2e: ${results.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length) {
    console.error(`[e2e] FAILED: ${failed.map((r) => r.name).join(', ')}`);
    return 1;
  }
  if (results.length === 0) {
    console.error(`[e2e] FAILED: no check ran (NUDGE_E2E_ONLY=${only})`);
    return 1;
  }
  return 0;
}

rmSync(screenshots, { recursive: true, force: true });
mkdirSync(screenshots, { recursive: true });
let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`\n[e2e] FAILED in "${currentStep}": ${err?.stack ?? err}`);
  code = 1;
} finally {
  await cleanupAll();
  clearTimeout(watchdog);
}
process.exit(code);
