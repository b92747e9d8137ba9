// @vitest-environment node
/** The canvas page: a strict CSP, our one script by nonce, the ids the webview script and the e2e tests use. */
import { describe, expect, it } from 'vitest';
import { canvasHtml } from '../../../extension/canvas/canvas-html';
import { webviewCsp } from '../../../extension/webview-page';
import { defaultSvgPath } from '../../../extension/canvas/svg-file-name';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('canvas page', () => {
  const html = canvasHtml({ cspSource: CSP_SOURCE, scriptUri: `${CSP_SOURCE}/ext/dist/webview/canvas.js`, nonce: 'abc123' });

  it('allows nothing from the network and scripts only by nonce', () => {
    const csp = webviewCsp(CSP_SOURCE, 'abc123');
    expect(csp).toBe(`default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE} 'unsafe-inline'; script-src 'nonce-abc123'; font-src ${CSP_SOURCE}`);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${csp}">`);
    expect(csp).not.toMatch(/unsafe-eval|\*/);
  });

  it('loads exactly one script, ours, with the nonce', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual([`<script nonce="abc123" src="${CSP_SOURCE}/ext/dist/webview/canvas.js">`]);
  });

  it('has the elements the webview script and the end-to-end tests look for', () => {
    for (const id of ['canvas', 'problem', 'counts-label', 'zoom-in', 'zoom-out', 'zoom-fit', 'zoom-reset', 'export-svg', 'viewport']) {
      expect(html).toContain(`id="${id}"`);
    }
  });

  it('a fresh nonce each time when none is given', () => {
    const nonce = (page: string) => /nonce="([^"]+)"/.exec(page)![1];
    const a = canvasHtml({ cspSource: CSP_SOURCE, scriptUri: 'x' });
    const b = canvasHtml({ cspSource: CSP_SOURCE, scriptUri: 'x' });
    expect(nonce(a)).not.toBe(nonce(b));
    expect(nonce(a).length).toBeGreaterThanOrEqual(16);
  });
});

describe('export file name', () => {
  it('is beside the sequence file, named after it', () => {
    expect(defaultSvgPath('/w/seqs/lead-welcome.seq.ts')).toBe('/w/seqs/lead-welcome.svg');
    expect(defaultSvgPath('C:\\w\\renewal.seq.ts')).toBe('C:\\w\\renewal.svg');
  });
});
