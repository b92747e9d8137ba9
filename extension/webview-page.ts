/**
 * The one skeleton of our webview pages (canvas, dry run) and its
 * Content-Security-Policy. Pure (a string from a few values) so the policy
 * can be tested: nothing loads from the network, the only script is ours
 * (by nonce), and inline styles are allowed because Mermaid writes a
 * <style> into every SVG (safe with securityLevel 'strict', which sanitises
 * labels). Every value a page shows is put in by its script with
 * textContent, never as markup.
 */
import { randomBytes } from 'node:crypto';

/** What the host knows of the panel it fills. */
export interface WebviewScript {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(dist/webview/<page>.js)`, as a string. */
  scriptUri: string;
  /** Fresh for every page when not given. */
  nonce?: string;
}

export interface WebviewPage extends WebviewScript {
  /** The `<title>`, e.g. "Nudge canvas". */
  title: string;
  /** The page's own style sheet (our text, not user data). */
  css: string;
  /** The markup inside `<body>`, before the script. */
  body: string;
  /** Attributes of `<body>`, e.g. `data-state="running"`. */
  bodyAttributes?: string;
}

export const newNonce = (): string => randomBytes(18).toString('base64');

export function webviewCsp(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function webviewPageHtml({ title, css, body, bodyAttributes, cspSource, scriptUri, nonce = newNonce() }: WebviewPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(webviewCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${attr(title)}</title>
<style>${css}</style>
</head>
<body${bodyAttributes ? ` ${bodyAttributes}` : ''}>
${body}
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>`;
}
