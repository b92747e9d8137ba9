// Driving VS Code's workbench (code-server in chromium) the way a user does:
// command palette, quick open, Go to Line, the Problems panel, the status
// bar's cursor position, and the frames of webview panels.
import { log } from './log.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  async open(url, { timeoutMs = 90_000 } = {}) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    // The explorer lists the workspace once the workbench has its folder.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
    log('workbench loaded');
  }

  get quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  async closeQuickInput() {
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    }
  }

  /** The row of the open quick input whose label contains `text`, or null. */
  async quickPickRow(text, timeoutMs) {
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: timeoutMs });
      return row;
    } catch {
      return null;
    }
  }

  /**
   * Runs a command by its palette label ("Nudge: Open Canvas to the Side").
   * The extension host takes a few seconds to list extension commands, so
   * the palette is reopened until the command shows up.
   */
  async runCommand(label, { timeoutMs = 60_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${label}`);
      const row = await this.quickPickRow(label, 3000);
      if (row) {
        const rowLabel = (await row.getAttribute('aria-label')) ?? label;
        await row.click();
        log(`ran command "${rowLabel.split(',')[0]}"${attempt > 1 ? ` (listed after ${attempt} tries)` : ''}`);
        return;
      }
      if (Date.now() > deadline) {
        await this.closeQuickInput();
        throw new Error(`command "${label}" never appeared in the command palette (${timeoutMs / 1000} s)`);
      }
      await sleep(1000);
    }
  }

  /** Answers an open quick pick by choosing the row containing `text` (waits for the pick to appear). */
  async pick(text, { timeoutMs = 30_000 } = {}) {
    const row = await this.quickPickRow(text, timeoutMs);
    if (!row) {
      const rows = await this.quickPickTexts();
      throw new Error(`quick pick has no row "${text}" (rows: ${rows.join(' | ') || 'none'})`);
    }
    const rowLabel = (await row.getAttribute('aria-label')) ?? text;
    await row.click();
    log(`picked "${rowLabel.split(',')[0]}"`);
  }

  /** Texts of the rows of the open quick input. */
  async quickPickTexts() {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts().catch(() => []);
  }

  /** What the open quick input asks (its title, placeholder and message), or null when none is open. */
  async quickInputPrompt() {
    if (!(await this.quickInput.isVisible())) return null;
    const title = await this.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
    const placeholder = (await this.page.locator('.quick-input-widget input').getAttribute('placeholder').catch(() => '')) ?? '';
    const message = await this.page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => '');
    const value = await this.page.locator('.quick-input-widget input').inputValue().catch(() => '');
    return { title: title.trim(), placeholder, message: message.trim(), value };
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor is active. */
  async openFile(relPath) {
    const name = relPath.split('/').pop();
    // A file the check has just written can be missing from Quick Open's file
    // list for a while (its search keeps the answer of an open picker), so a
    // miss closes the picker and asks again.
    let row = null;
    for (let attempt = 1; attempt <= 4 && !row; attempt++) {
      await this.closeQuickInput();
      await this.page.keyboard.press('Control+P');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(relPath);
      row = await this.quickPickRow(name, 6_000);
      if (!row) log(`Quick Open: no ${relPath} yet (attempt ${attempt})`);
    }
    if (!row) throw new Error(`Quick Open did not find ${relPath}`);
    await this.page.keyboard.press('Enter');
    await this.activeTab(name).waitFor({ timeout: 20_000 });
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: 20_000 });
    log(`opened ${relPath}`);
  }

  /** The active editor tab with that file name. */
  activeTab(name) {
    return this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).first();
  }

  /** Clicks the tab whose label starts with `label` ("Canvas: lead-welcome.seq.ts"). */
  async clickTab(label) {
    const tab = this.page.locator(`.tabs-container .tab[aria-label^="${label}"]`).first();
    await tab.click({ timeout: 10_000 });
    log(`showed tab "${label}"`);
  }

  /** The tab of a file in any group. */
  tab(name) {
    return this.page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).first();
  }

  async isDirty(name) {
    const cls = (await this.tab(name).getAttribute('class')) ?? '';
    return /\bdirty\b/.test(cls);
  }

  /** Gives the text editor of `name` the keyboard focus (clicks its tab). */
  async focusEditor(name) {
    await this.closeQuickInput();
    await this.tab(name).click();
    const focused = this.page.locator('.editor-group-container.active .monaco-editor.focused').first();
    try {
      await focused.waitFor({ timeout: 5000 });
    } catch {
      // The tab was already active and focus stayed elsewhere (a webview): click into the text.
      await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await focused.waitFor({ timeout: 5000 });
    }
  }

  /** Hides the panel (Problems, Output...) with Ctrl+J when it is open. */
  async hidePanel() {
    const panel = this.page.locator('.part.panel');
    if (await panel.isVisible().catch(() => false)) {
      await this.page.keyboard.press('Control+J');
      await panel.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    }
  }

  /** Go to Line (Ctrl+G) then End: the cursor at the end of `line` (1-based). */
  async goToLineEnd(line) {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`:${line}`);
    await sleep(150);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    await this.page.keyboard.press('End');
    // The status bar follows the cursor a moment later.
    const pos = await waitUntil(async () => {
      const p = await this.cursor();
      return p?.line === line ? p : null;
    }, { timeoutMs: 3000 });
    if (!pos) throw new Error(`Go to Line ${line} left the cursor at ${(await this.cursorText()) ?? '(no cursor in the status bar)'}`);
    return pos;
  }

  /** The cursor position from the status bar item "Ln X, Col Y", or null. */
  async cursor() {
    const text = await this.cursorText();
    const m = /Ln (\d+), Col (\d+)/.exec(text ?? '');
    return m ? { line: Number(m[1]), column: Number(m[2]), text } : null;
  }

  async cursorText() {
    const item = this.page.locator('[id="status.editor.selection"]').first();
    return item.innerText({ timeout: 5000 }).catch(() => null);
  }

  /**
   * Opens the Problems panel and returns the texts of its rows. Through the
   * palette's "View: Focus Problems": its key, Ctrl+Shift+M, is Chromium's
   * profile switcher and does not reliably reach the page.
   */
  async problems() {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await this.runCommand('View: Focus Problems');
      await panel.waitFor({ timeout: 10_000 });
    }
    return this.problemRows();
  }

  async problemRows() {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    const n = await rows.count();
    const out = [];
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      const text = (await row.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
      const aria = (await row.getAttribute('aria-label').catch(() => '')) ?? '';
      out.push(text || aria);
    }
    return out;
  }

  /** Notifications on screen (toasts), for the log when something goes wrong. */
  async notifications() {
    return this.page
      .locator('.notifications-toasts .notification-toast .notification-list-item-message')
      .allInnerTexts()
      .catch(() => []);
  }

  /**
   * The inner frame of the webview whose document has `selector` (the panel's
   * own content is two frames deep: iframe.webview.ready > #active-frame).
   * Waits until one exists; returns a FrameLocator.
   */
  async webview(selector, { timeoutMs = 30_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const outers = this.page.locator('iframe.webview.ready');
      const n = await outers.count();
      for (let i = 0; i < n; i++) {
        const inner = this.page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
        const found = await inner.locator(selector).count().catch(() => 0);
        if (found > 0) return inner;
      }
      if (Date.now() > deadline) throw new Error(`no webview with ${selector} within ${timeoutMs / 1000} s (${n} webview frames)`);
      await sleep(250);
    }
  }

  /**
   * The playwright Frame (not a locator) of the webview whose document has
   * `selector`, for evaluating scripts in it; null when none.
   */
  async webviewFrame(selector) {
    for (const f of this.page.frames()) {
      if (f === this.page.mainFrame()) continue;
      if ((await f.locator(selector).count().catch(() => 0)) > 0) return f;
    }
    return null;
  }

  async screenshot(file) {
    await this.page.screenshot({ path: file });
    log(`screenshot ${file}`);
  }
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
export async function waitUntil(fn, { timeoutMs = 10_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) return last;
    await sleep(intervalMs);
  }
}
