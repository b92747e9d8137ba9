// The end-to-end checks, in the order of the issue. Each gets a context:
//   { wb: Workbench, workspace, repo, shot(name), expected: { stepNodes, engagedNode } }
// and throws with a readable message when what it sees is wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { log } from './lib/log.mjs';
import { waitUntil } from './lib/workbench.mjs';

const SAMPLE = 'lead-welcome.seq.ts';
export const BAD_MERGE = 'bad-merge.seq.ts';
const TS_PROBE = 'ts-probe.ts'; // a helper module beside the sequences: VS Code's TypeScript reports on it
const TS_SEQ_PROBE = 'ts-probe.seq.ts'; // a sequence file: only Nudge's checker reports on it
// g.node: count badges carry data-node-id too (extension/canvas/README.md).
const STEP_NODES = '#canvas svg g.node[data-node-id^="step_"]';
/** The issue's limit; NUDGE_E2E_TYPING_LIMIT_MS raises it on a loaded developer machine (never in CI). */
const TYPING_LIMIT_MS = Number(process.env.NUDGE_E2E_TYPING_LIMIT_MS ?? 2000);

/**
 * The text of bad-merge.seq.ts: the lead-welcome sample with its own
 * sequence id and `~Contact.Fristname~` in the first email subject.
 */
export function badMergeText(sampleText) {
  const lines = sampleText.split('\n');
  const i = lines.findIndex((l) => /\bsubject:/.test(l) && l.includes('~Contact.FirstName'));
  if (i < 0) throw new Error(`${SAMPLE} has no subject with ~Contact.FirstName~ to misspell`);
  lines[i] = lines[i].replace('~Contact.FirstName', '~Contact.Fristname');
  const text = lines.join('\n').replace("sequence('lead-welcome'", "sequence('bad-merge'");
  return { text, line: i + 1 };
}

/** 1-based number of the first line matching `re` (after line `from`). */
function lineOf(text, re, from = 0) {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i + 1;
  throw new Error(`no line matches ${re}`);
}

async function stepNodeCount(frame) {
  return frame.locator(STEP_NODES).count().catch(() => -1);
}

export const checks = [
  {
    name: 'problems-panel-bad-merge-field',
    title: 'the diagnostics of a bad merge field appear in the Problems panel',
    async run({ wb, shot, badMergeLine }) {
      await wb.openFile(BAD_MERGE);
      let rows = [];
      const hit = await waitUntil(
        async () => {
          rows = await wb.problems();
          return rows.find((r) => /NUDGE002/.test(r) && /Unknown merge field/i.test(r) && /Did you mean/i.test(r));
        },
        { timeoutMs: 45_000, intervalMs: 1000 },
      );
      await shot('1-problems-bad-merge');
      if (!hit) {
        throw new Error(
          `no NUDGE002 "Unknown merge field ... Did you mean" row in the Problems panel after 45 s; rows: ${JSON.stringify(rows)}`,
        );
      }
      log(`Problems: ${hit}`);
      if (!/Fristname/.test(hit)) throw new Error(`the NUDGE002 row does not name ~Contact.Fristname~: ${hit}`);
      if (!rows.some((r) => r.includes(BAD_MERGE))) throw new Error(`the Problems panel does not list ${BAD_MERGE}: ${JSON.stringify(rows)}`);
      const at = /\[Ln (\d+), Col (\d+)\]/.exec(hit);
      if (at) log(`diagnostic at line ${at[1]} (the misspelt subject is on line ${badMergeLine})`);
      await wb.hidePanel();
    },
  },
  {
    name: 'canvas-node-per-step',
    title: 'the canvas opens beside a sample with a node per step',
    async run(ctx) {
      const { wb, shot, expected } = ctx;
      await wb.openFile(SAMPLE);
      await wb.runCommand('Nudge: Open Canvas to the Side');
      const frame = await wb.webview('#canvas', { timeoutMs: 30_000 });
      const count = await waitUntil(async () => ((await stepNodeCount(frame)) === expected.stepNodes ? expected.stepNodes : 0), {
        timeoutMs: 30_000,
        intervalMs: 200,
      });
      await shot('2-canvas');
      const actual = await stepNodeCount(frame);
      const banner = await frame.locator('#problem').innerText().catch(() => '');
      if (count !== expected.stepNodes) {
        throw new Error(
          `canvas shows ${actual} step nodes ([data-node-id^="step_"] in #canvas svg), the IR has ${expected.stepNodes}` +
            (banner ? `; banner: ${banner}` : ''),
        );
      }
      if (await frame.locator('#problem').isVisible().catch(() => false)) throw new Error(`canvas shows a problem banner: ${banner}`);
      log(`canvas: ${actual} step nodes = ${expected.stepNodes} steps in the IR`);
    },
  },
  {
    name: 'typing-adds-node-unsaved',
    title: "typing a new .applyTag('X') adds a node within 2 s without saving",
    async run(ctx) {
      const { wb, shot, expected, workspace } = ctx;
      const frame = await wb.webview('#canvas svg');
      const file = join(workspace, SAMPLE);
      const onDisk = readFileSync(file, 'utf8');
      // The end of the first chain: the first line ending in ';' after `const welcomeSeries`.
      const line = lineOf(onDisk, /;\s*$/, lineOf(onDisk, /const welcomeSeries\b/));
      const before = await stepNodeCount(frame);
      if (before !== expected.stepNodes) throw new Error(`canvas shows ${before} step nodes before typing, expected ${expected.stepNodes}`);
      await wb.focusEditor(SAMPLE);
      await wb.goToLineEnd(line);
      await wb.page.keyboard.press('ArrowLeft'); // before the ';'
      // Timings for the log: when the host's messages reach the canvas and when it has drawn.
      const canvasFrame = await wb.webviewFrame('#canvas svg');
      await canvasFrame?.evaluate((target) => {
        const w = /** @type {any} */ (window);
        w.__e2eEvents = [];
        // The moment the new step node exists in the page (polling from here would add its own delay).
        new MutationObserver(() => {
          if (!w.__e2eGrownAt && document.querySelectorAll('#canvas svg g.node[data-node-id^="step_"]').length === target) {
            w.__e2eGrownAt = Date.now();
          }
        }).observe(document.getElementById('canvas'), { subtree: true, childList: true, attributes: true, attributeFilter: ['data-node-id'] });
        window.addEventListener('message', (e) => w.__e2eEvents.push({ t: Date.now(), what: `message ${e.data?.type} seq ${e.data?.seq ?? ''}` }));
        new MutationObserver(() => w.__e2eEvents.push({ t: Date.now(), what: `drawn seq ${document.body.dataset.renderSeq}` })).observe(
          document.body,
          { attributes: true, attributeFilter: ['data-render-seq'] },
        );
      }, before + 1).catch(() => {});
      const typed = ".applyTag('X')";
      await wb.page.keyboard.type(typed, { delay: 25 });
      const lastKey = Date.now();
      const grown = await waitUntil(async () => (await stepNodeCount(frame)) === before + 1, { timeoutMs: 5000, intervalMs: 25 });
      const seenAt = Date.now();
      const grownAt = await canvasFrame?.evaluate(() => /** @type {any} */ (window).__e2eGrownAt).catch(() => undefined);
      const ms = (grownAt ?? seenAt) - lastKey;
      if (grownAt) log(`the node was in the page ${grownAt - lastKey} ms after the last keystroke (seen by polling at ${seenAt - lastKey} ms)`);
      await shot('3-typed-applyTag');
      const after = await stepNodeCount(frame);
      if (!grown) throw new Error(`step nodes went ${before} -> ${after} within 5 s of typing ${typed} on line ${line} (expected ${before + 1})`);
      log(`step nodes ${before} -> ${after}, ${ms} ms after the last keystroke`);
      const events = (await canvasFrame?.evaluate(() => /** @type {any} */ (window).__e2eEvents).catch(() => null)) ?? [];
      if (events.length) log(`canvas events (ms from the last keystroke): ${events.map((e) => `${e.t - lastKey} ${e.what}`).join('; ')}`);
      if (ms > TYPING_LIMIT_MS) {
        const load = loadavg().map((l) => l.toFixed(1)).join(' ');
        throw new Error(`the new node appeared ${ms} ms after the last keystroke (limit ${TYPING_LIMIT_MS} ms; load average ${load})`);
      }
      if (!(await wb.isDirty(SAMPLE))) throw new Error(`${SAMPLE} is not dirty after typing (was it saved?)`);
      if (readFileSync(file, 'utf8') !== onDisk) throw new Error(`${SAMPLE} changed on disk: the edit was saved`);
      const cursor = await waitUntil(async () => {
        const c = await wb.cursor();
        return c?.line === line ? c : null;
      }, { timeoutMs: 2000 }) ?? (await wb.cursor());
      if (cursor?.line !== line) throw new Error(`the cursor left line ${line} while typing: ${cursor?.text}`);
      log(`${SAMPLE} is dirty and unchanged on disk`);
    },
  },
  {
    name: 'click-node-moves-cursor',
    title: 'clicking a node moves the cursor to its step',
    async run(ctx) {
      const { wb, shot, expected, workspace } = ctx;
      const frame = await wb.webview('#canvas svg');
      const text = readFileSync(join(workspace, SAMPLE), 'utf8');
      const line = lineOf(text, /\.applyTag\('Engaged-Lead'\)/);
      const node = frame.locator(`#canvas svg g.node[data-node-id="${expected.engagedNode}"]`);
      if ((await node.count()) !== 1) throw new Error(`no node g.node[data-node-id="${expected.engagedNode}"] on the canvas`);
      // Move the cursor elsewhere first, so a stale position cannot pass.
      await wb.focusEditor(SAMPLE);
      await wb.goToLineEnd(1);
      // The canvas opens at a readable zoom from the start of a long drawing and
      // pans to the step under the cursor: press Fit, as a user would, so the node is on screen.
      await frame.locator('#zoom-fit').click();
      await frame.locator('#zoom-level').innerText().then((z) => log(`canvas fitted: ${z}`)).catch(() => {});
      await node.click({ timeout: 10_000 });
      const pos = await waitUntil(async () => {
        const c = await wb.cursor();
        return c?.line === line ? c : null;
      }, { timeoutMs: 5000 });
      await shot('4-clicked-node');
      const now = await wb.cursor();
      if (!pos) throw new Error(`after clicking ${expected.engagedNode} the cursor is at ${now?.text ?? '(no cursor in the status bar)'}, expected line ${line} (.applyTag('Engaged-Lead'))`);
      log(`cursor ${pos.text}: the line of .applyTag('Engaged-Lead')`);
    },
  },
  {
    name: 'dry-run-counts-timeline',
    title: 'the dry run shows per-step counts and a timeline',
    async run(ctx) {
      const { wb, shot } = ctx;
      await wb.focusEditor(SAMPLE);
      await wb.runCommand('Nudge: Dry Run');
      // Answer what the command asks: the contacts file, the start (default) and the horizon (default).
      const answered = [];
      let dry = null;
      const deadline = Date.now() + 60_000;
      while (!dry && Date.now() < deadline) {
        const prompt = await wb.quickInputPrompt();
        if (prompt) {
          const rows = await wb.quickPickTexts();
          const what = `${prompt.title} ${prompt.placeholder} ${prompt.message}`.trim();
          if (rows.length > 0) {
            const contacts = rows.find((r) => r.includes('contacts.json'));
            if (contacts) await wb.pick('contacts.json');
            else await wb.page.keyboard.press('Enter'); // the default (first) choice
            answered.push(`${what} -> ${contacts ? 'contacts.json' : rows[0]}`);
          } else {
            answered.push(`${what} -> ${prompt.value || '(default)'}`);
            await wb.page.keyboard.press('Enter');
          }
          log(`answered: ${answered.at(-1)}`);
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        dry = await wb.webview('#timeline', { timeoutMs: 1000 }).catch(() => null);
      }
      if (!dry) {
        await shot('5-dry-run-missing');
        throw new Error(`no dry-run webview (#timeline) within 60 s; answered: ${JSON.stringify(answered)}; notifications: ${JSON.stringify(await wb.notifications())}`);
      }
      const state = await waitUntil(async () => {
        const s = await dry.locator('body').getAttribute('data-state').catch(() => null);
        return s === 'done' || s === 'failed' ? s : null;
      }, { timeoutMs: 60_000, intervalMs: 250 });
      await shot('5-dry-run');
      if (state !== 'done') {
        const body = (await dry.locator('body').innerText().catch(() => '')).slice(0, 500);
        throw new Error(`dry run ended in state ${state ?? '(still running after 60 s)'}: ${body}`);
      }
      const rows = await dry.locator('#timeline tr.timeline-row').count();
      const countsText = (await dry.locator('#counts').innerText().catch(() => '')).trim();
      const gantt = await dry.locator('#gantt svg').count();
      const outbox = await dry.locator('#outbox .outbox-item').count();
      log(`dry run: ${rows} timeline rows, #counts ${countsText.length} chars, gantt svg ${gantt}, outbox ${outbox} items`);
      if (rows === 0) throw new Error('the dry run shows no #timeline tr.timeline-row');
      if (!countsText) throw new Error('the dry run shows no per-step counts in #counts');
      // The dry-run panel opens in a column of its own: the canvas stays in sight beside it (a hidden webview has no frame).
      const canvas = await wb.webview('#canvas svg', { timeoutMs: 15_000 }).catch(() => null);
      if (!canvas) throw new Error('the canvas is not in sight next to the dry run (did the dry-run panel open over it?)');
      const groups = await wb.page.locator('.editor-group-container').count().catch(() => 0);
      log(`editor groups: ${groups} (code | canvas | dry run)`);
      const badges = await waitUntil(
        async () => canvas.locator('#canvas svg .nudge-count[data-source="dryRun"]').count().catch(() => 0),
        { timeoutMs: 10_000 },
      );
      const label = (await canvas.locator('#counts-label').innerText().catch(() => '')).trim();
      await shot('5-canvas-counts');
      if (!badges) throw new Error(`the canvas shows no .nudge-count[data-source="dryRun"] badges after the dry run (#counts-label: "${label}")`);
      log(`canvas: ${badges} dry-run .nudge-count badges; #counts-label "${label}"`);
    },
  },
  {
    name: 'vscode-typescript-resolves-nudge',
    title: "VS Code's own TypeScript types `import ... from 'nudge'` (no ts(2307) without the package installed)",
    async run({ wb, shot, workspace }) {
      // The workspace has no node_modules: only the extension's TypeScript server plugin can resolve 'nudge'.
      // Its types make VS Code's TypeScript report ts(2322) here; unresolved, `sequence` would be `any` (and 'nudge' a ts(2307)).
      const probe = (name, type) => [
        "import { sequence } from 'nudge';",
        '',
        `// A function is not a ${type}: only a typed DSL makes this an error.`,
        `export const not${name}: ${type} = sequence;`,
        '',
      ].join('\n');
      writeFileSync(join(workspace, TS_PROBE), probe('ANumber', 'number'));
      writeFileSync(join(workspace, TS_SEQ_PROBE), probe('AString', 'string'));
      await new Promise((r) => setTimeout(r, 1000)); // let the file watcher see them
      await wb.openFile(TS_SEQ_PROBE);
      await wb.openFile(TS_PROBE);
      // VS Code's TypeScript shows its code as ts(2322) (the row's text: "ts 2322"); Nudge's own type checker as ts(TS2322).
      const vscodeTs = (r) => /\bts[\s(]+2322\b/.test(r);
      const nudgeTs = (r) => /\bTS2322\b/.test(r);
      let rows = [];
      const typed = await waitUntil(async () => {
        rows = await wb.problems();
        const helper = rows.find((r) => vscodeTs(r) && /not assignable to type 'number'/.test(r));
        const sequenceFile = rows.find((r) => nudgeTs(r) && /not assignable to type 'string'/.test(r));
        return helper && sequenceFile ? helper : undefined;
      }, { timeoutMs: 90_000, intervalMs: 1000 });
      await shot('6-vscode-typescript-nudge');
      const missing = rows.filter((r) => /Cannot find module 'nudge'|\bts[\s(]+2307\b/.test(r));
      if (missing.length) throw new Error(`VS Code's TypeScript cannot find 'nudge': ${JSON.stringify(missing)}`);
      if (!typed) throw new Error(`no ts(2322) row from VS Code's TypeScript for ${TS_PROBE} and ts(TS2322) from Nudge for ${TS_SEQ_PROBE} within 90 s (is the plugin loaded?); rows: ${JSON.stringify(rows)}`);
      // The sequence file's error once, from Nudge: the plugin keeps VS Code's copy of it out of the Problems panel.
      const twice = rows.filter((r) => vscodeTs(r) && /not assignable to type 'string'/.test(r));
      if (twice.length) throw new Error(`${TS_SEQ_PROBE}'s type error is shown by VS Code's TypeScript as well as by Nudge: ${JSON.stringify(twice)}`);
      log(`VS Code's TypeScript: ${typed}`);
      await wb.hidePanel();
    },
  },
];
