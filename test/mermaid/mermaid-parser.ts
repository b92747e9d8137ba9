/**
 * The real Mermaid parser in Node, for tests: Mermaid expects a DOM even to
 * parse, so a jsdom window stands in for the browser. Loaded once per test
 * file (Mermaid is large) and reused.
 */
import { createRequire } from 'node:module';

type MermaidApi = { parse(text: string): Promise<unknown> };

// jsdom ships no type declarations (and @types/jsdom is not a dependency):
// require it untyped and describe the little used here.
type JsdomModule = { JSDOM: new (html: string) => { window: { document: unknown } } };

let loading: Promise<MermaidApi> | undefined;

async function load(): Promise<MermaidApi> {
  const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  g.window = dom.window;
  g.document = dom.window.document;
  const { default: mermaid } = await import('mermaid');
  // 'strict' is what the extension's webview uses, so the tests parse under the same rules.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  return mermaid;
}

/** Resolves when Mermaid accepts the diagram; rejects with its parse error otherwise. */
export async function parseMermaid(text: string): Promise<void> {
  loading ??= load();
  const mermaid = await loading;
  await mermaid.parse(text);
}
