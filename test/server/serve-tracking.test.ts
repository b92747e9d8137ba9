// `nudge serve` (the built command) with tracking: the link key is its own
// owner-only file beside the API token, the delivered welcome email's link
// and pixel work, the stats of the step count what delivery and the routes
// saw, and the process's log holds no token.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-nudge';
import { startSmtp } from '../delivery/helpers';
import { readMail } from './read-mail';
import { startServeProcess } from './serve-process';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function attrsOf(html: string, tag: string, name: string): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node && node.tagName === tag) {
      const v = (node as Element).attrs.find((a) => a.name === name)?.value;
      if (v !== undefined) out.push(v);
    }
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(parse(html) as unknown as Node);
  return out;
}

const API_TOKEN = 'serve-tracking-test-token-0123456789';

describe('nudge serve with tracking', () => {
  it('generates .nudge/link.key (0600, not the API token); the welcome email\'s link redirects and its pixel counts; stats and logs are right', async () => {
    const smtp = await startSmtp();
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-serve-tracking-'));
    writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({
      accountZone: 'America/New_York', token: API_TOKEN,
      publicUrl: 'http://localhost', account: { name: 'Acme Coffee', address: '1 Main St, Springfield, IL 62701' }, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      tracking: { openPixel: true, linkExpiry: '30d' },
    }));
    const serve = await startServeProcess(cwd, resolve(ROOT, 'samples'));
    const auth = { authorization: `Bearer ${API_TOKEN}` };
    try {
      const keyFile = join(cwd, '.nudge', 'link.key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = readFileSync(keyFile, 'utf8').trim();
      expect(key.length).toBeGreaterThanOrEqual(32);
      expect(key).not.toBe(API_TOKEN);
      expect(serve.output()).not.toContain(key);

      const form = await fetch(`${serve.url}/forms/newsletter-signup`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.test', firstName: 'Ada' }),
      });
      expect(form.status).toBe(202);
      const deadline = Date.now() + 15_000;
      while (!smtp.mails.some((m) => m.to.includes('ada@example.test')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const welcome = smtp.mails.find((m) => m.to.includes('ada@example.test'));
      expect(welcome, serve.output()).toBeDefined();
      const html = readMail(welcome!.raw).html!;
      // Started with --port 0 and no publicUrl, the links name port 0: the path is what matters here.
      const onServer = (url: string) => `${serve.url}${new URL(url).pathname}`;
      const [tracked] = attrsOf(html, 'a', 'href');
      expect(new URL(tracked).pathname).toMatch(/^\/l\/[\w-]+$/);
      const link = onServer(tracked);
      const found = attrsOf(html, 'img', 'src').find((s) => new URL(s).pathname.startsWith('/o/'));
      expect(found).toBeDefined();
      const pixel = onServer(found!);

      for (let i = 0; i < 2; i++) {
        const click = await fetch(link, { redirect: 'manual' });
        expect(click.status).toBe(302);
        expect(click.headers.get('location')).toBe('https://acme.test/book-demo');
      }
      expect((await fetch(pixel)).status).toBe(200);

      // Delivery records its outcome a moment after SMTP has the message.
      let email: Record<string, number> | undefined;
      while (Date.now() < deadline + 15_000) {
        const seq = (await (await fetch(`${serve.url}/sequences/lead-welcome`, { headers: auth })).json()) as { report: { steps: Array<{ stepId: string; email?: Record<string, number> }> } };
        email = seq.report.steps.find((s) => s.stepId === 'welcome-email')?.email;
        if (email?.delivered === 1) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(email).toMatchObject({ sent: 1, delivered: 1, clicks: 2, opens: 1 });

      const log = serve.output();
      expect(log).toContain('"url":"/l/:token"');
      expect(log).toContain('"url":"/o/:token"');
      for (const token of [link.split('/l/')[1], pixel.split('/o/')[1]]) expect(log).not.toContain(token.slice(0, 16));
    } finally {
      serve.stop();
      await smtp.close();
    }
  }, 90_000);
});
