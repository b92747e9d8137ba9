// `nudge serve` stopped (SIGTERM) while its delivery thread is sending to a
// slow SMTP server: the server exits 0, the batch in progress finishes and
// every email that reached the SMTP server is recorded as sent, the thread
// is ended, and the store is folded into a plain file (no journal left).
import { existsSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { makeContacts, makeWorkspace, readStore, startServer, type Server } from '../crash/helpers';

const START = Date.parse('2026-12-01T14:00:00Z');

/** A real SMTP server that answers each message after `delayMs`, keeping the idempotency keys it received. */
async function slowSmtp(delayMs: number): Promise<{ port: number; arrived: () => number; keys: string[]; close(): Promise<void> }> {
  const keys: string[] = [];
  let arrived = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
      stream.on('end', () => {
        arrived++;
        setTimeout(() => {
          keys.push(/^X-Nudge-Idempotency-Key:\s*(.+)$/im.exec(raw)?.[1].trim() ?? '');
          done();
        }, delayMs);
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.server.address() as { port: number }).port;
  return { port, arrived: () => arrived, keys, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe('nudge serve: clean stop while the delivery thread is sending', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('finishes the batch in progress, records every email that reached SMTP, ends the thread and exits 0', async () => {
    const smtp = await slowSmtp(400);
    cleanup.push(() => smtp.close());
    // Six contacts enrolled (in the seeded store) at START: their welcome emails are pending when the server starts.
    const ws = await makeWorkspace('nudge-serve-stop-', makeContacts(6), {
      enrollAt: START,
      config: { publicUrl: 'http://localhost', account: { name: 'Acme Coffee', address: '1 Main St, Springfield, IL 62701' }, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, timeoutMs: 5_000 } },
    });
    const server: Server = startServer(ws, ['--clock', 'simulated', '--start', new Date(START).toISOString()]);
    cleanup.push(() => server.child.kill('SIGKILL'));
    await server.url;
    await expect.poll(() => smtp.arrived(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);

    server.child.kill('SIGTERM');
    const code = await Promise.race([server.exited, new Promise<string>((ok) => setTimeout(() => ok('timeout'), 20_000))]);
    expect(code, server.output().slice(-3000)).toBe(0);
    expect(server.output()).not.toContain('delivery thread died');

    const data = await readStore(ws);
    const sent = data.outbox.filter((i) => i.status === 'sent').map((i) => i.key).sort();
    expect(sent.length).toBeGreaterThanOrEqual(2);
    // Nothing sent goes unrecorded, nothing recorded was not sent, nothing was tried and lost.
    expect([...smtp.keys].sort()).toEqual(sent);
    expect(data.outbox.filter((i) => i.status !== 'sent').every((i) => i.status === 'pending' && i.attempts === 0)).toBe(true);
    expect(existsSync(`${ws.storeFile}.journal`)).toBe(false);
  }, 60_000);
});
