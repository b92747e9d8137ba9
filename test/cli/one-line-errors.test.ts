// @vitest-environment node
/**
 * Everyday mistakes end in one line from the error table, never a stack
 * trace: a port already taken, a sequence file that is not there, a
 * contacts file that is missing or malformed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, nudge } from './run-nudge';

const SEQ = 'samples/lead-welcome.seq.ts';
let taken: Server;
let port: number;

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((ok) => taken.listen({ host: '127.0.0.1', port: 0 }, () => ok()));
  port = (taken.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((ok) => taken.close(() => ok())));

describe('one-line CLI errors', () => {
  it('nudge serve on a port in use: NUDGE_ERR_LISTEN, exit 2, no stack', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-port-'));
    const r = spawnSync(process.execPath, [resolve(ROOT, 'bin/nudge.js'), 'serve', '--dir', resolve(ROOT, 'samples'), '--port', String(port), '--store', join(cwd, 'store.json')], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error NUDGE_ERR_LISTEN: Cannot listen on 127.0.0.1:${port}: another program listens there (EADDRINUSE). Stop the program that holds it, or start with --port <another port> (--port 0 picks a free one).\n`);
  });

  it('simulate and render on a missing sequence file: NUDGE_ERR_USAGE, not a syntax error', () => {
    for (const args of [['simulate', 'samples/no-such.seq.ts', '--contacts', 'samples/contacts.json'], ['render', 'samples/no-such.seq.ts']]) {
      const r = nudge(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('error NUDGE_ERR_USAGE: No such file: samples/no-such.seq.ts\n');
    }
  });

  it('a missing or malformed contacts file: NUDGE_ERR_CONTACT_FILE in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-contacts-'));
    writeFileSync(join(dir, 'bad.json'), '[{"id": "c1",');
    for (const file of [join(dir, 'missing.json'), join(dir, 'bad.json')]) {
      const r = nudge(['simulate', SEQ, '--contacts', file, '--start', '2026-12-01T14:00:00Z']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error NUDGE_ERR_CONTACT_FILE: .+\n$/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
