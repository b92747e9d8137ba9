// `nudge serve` end to end: a web form submission enrolls a contact, and the
// sample's welcome email reaches a real SMTP server with merge fields filled in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSmtp } from '../delivery/helpers';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-nudge';
import { startServeProcess } from './serve-process';

describe('nudge serve with SMTP', () => {
  it('sends the welcome email of a form submission through the configured SMTP server', async () => {
    const smtp = await startSmtp();
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-serve-smtp-'));
    writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({
      accountZone: 'America/New_York', token: 'serve-smtp-test-token-0123456789', publicUrl: 'https://nudge.acme.test',
      account: { name: 'Acme Coffee', address: '100 Roaster Lane, Springfield, IL 62701, USA' },
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
    }));
    const serve = await startServeProcess(cwd, resolve(ROOT, 'samples'));
    const { url } = serve;
    try {
      const form = await fetch(`${url}/forms/newsletter-signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.test', firstName: 'Ada' }),
      });
      expect(form.status).toBe(202);
      const deadline = Date.now() + 15_000;
      while (!smtp.mails.some((m) => m.to.includes('ada@example.test')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const welcome = smtp.mails.find((m) => m.to.includes('ada@example.test'));
      expect(welcome, serve.output()).toBeDefined();
      expect(welcome!.raw).toMatch(/Subject: Welcome to Acme Coffee, Ada!/);
      expect(welcome!.raw).toMatch(/X-Nudge-Idempotency-Key:\s+lead-welcome:v1:/);
      expect(welcome!.raw).toMatch(/Message-ID:\s+<lead-welcome\+v1\+/i);
    } finally {
      serve.stop();
      await smtp.close();
    }
  }, 60_000);
});
