// @vitest-environment node
/** Both webview pages stand on one skeleton: the same strict CSP, one script of ours by nonce. */
import { describe, expect, it } from 'vitest';
import { canvasHtml } from '../../extension/canvas/canvas-html';
import { dryRunHtml } from '../../extension/dry-run/dry-run-html';
import { webviewCsp, webviewPageHtml } from '../../extension/webview-page';

const script = { cspSource: 'vscode-resource:', scriptUri: 'vscode-resource:/dist/webview/page.js', nonce: 'n0nce' };

describe('the webview page skeleton', () => {
  it('puts the policy, the title, the body and our one nonce script in place, escaping what comes from the host', () => {
    const html = webviewPageHtml({ ...script, scriptUri: 'a"<b', title: 'T', css: 'p {}', body: '<p id="x"></p>', bodyAttributes: 'data-state="s"' });
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${webviewCsp('vscode-resource:', 'n0nce')}">`);
    expect(html).toContain('<title>T</title>\n<style>p {}</style>');
    expect(html).toContain('<body data-state="s">\n<p id="x"></p>\n<script nonce="n0nce" src="a&quot;&lt;b"></script>\n</body>');
  });

  it('is the skeleton of both the canvas and the dry-run page', () => {
    const policy = `content="${webviewCsp(script.cspSource, script.nonce)}"`;
    for (const html of [canvasHtml(script), dryRunHtml(script)]) {
      expect(html).toContain(policy);
      expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([`<script nonce="n0nce" src="${script.scriptUri}">`]);
    }
  });
});
