// Shared pieces of the delivery tests: effects, a stepping clock, a real
// LowdbStore in a temp dir, a real SMTP server and a real HTTP receiver.
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { OutgoingHttpPost } from '../../runtime/engine/effects';
import type { EmailEffect, FaxEffect, LetterEffect } from '../../runtime/delivery/transport';
import type { OutboxItem } from '../../runtime/store/contact-store';
import { LowdbStore } from '../../runtime/store/lowdb-store';

export const T0 = Date.parse('2026-12-04T15:00:00Z');

export function tempDir(prefix = 'nudge-delivery-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public t = T0) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

const base = { contactId: 'c1', sequenceId: 'welcome', stepId: 'email-1', at: T0 };

export function emailEffect(over: Partial<EmailEffect> = {}): EmailEffect {
  return { ...base, type: 'email', idempotencyKey: 'welcome:v1:c1:email-1:1.1', to: ['ann@example.test'], subject: 'Hi Ann', body: 'Welcome aboard.', ...over };
}

export function faxEffect(over: Partial<FaxEffect> = {}): FaxEffect {
  return { ...base, stepId: 'fax-1', type: 'fax', idempotencyKey: 'welcome:v1:c1:fax-1:1.1', to: ['+1 555 0100'], subject: 'Order form', body: '<p>Please <b>sign</b> and return.</p>', ...over };
}

export function letterEffect(over: Partial<LetterEffect> = {}): LetterEffect {
  return {
    ...base, stepId: 'letter-1', type: 'letter', idempotencyKey: 'welcome:v1:c1:letter-1:1.1', to: ['Ann Smith'],
    address: ['Ann Smith', '3 Oak Lane', 'Springfield IL 62701', 'USA'], subject: 'Your welcome pack', body: '<p>Dear Ann,</p><p>Thank you for joining.</p>', ...over,
  };
}

export function postEffect(url: string, over: Partial<OutgoingHttpPost> = {}): OutgoingHttpPost {
  return { ...base, stepId: 'post-1', type: 'httpPost', idempotencyKey: 'welcome:v1:c1:post-1:1.1', url, fields: { email: 'ann@example.test', name: 'Ann & Bo' }, format: 'form', ...over };
}

export function pending(effect: OutboxItem['effect']): OutboxItem {
  return { key: effect.idempotencyKey, effect, status: 'pending', attempts: 0 };
}

export async function openStore(options: { writeDelayMs?: number } = {}): Promise<{ store: LowdbStore; file: string; dir: string }> {
  const dir = tempDir();
  const file = join(dir, 'store.json');
  return { store: await LowdbStore.open(file, options), file, dir };
}

/** A port nothing listens on (taken, then released). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ReceivedMail {
  raw: string;
  headers: Map<string, string>;
  from: string;
  to: string[];
}

/** Header block (unfolded, names lower-cased) of a raw message. */
export function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives. `rejectRcpt` answers 550 to those addresses. */
export async function startSmtp(port = 0, rejectRcpt: string[] = []): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejectRcpt.includes(address.address)) return callback();
      const error = new Error('No such user here') as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push({ raw, headers: parseHeaders(raw), from, to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return { port: actual, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ReceivedRequest {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A real HTTP receiver on 127.0.0.1. `answer` gives the status of each
 * request in turn (the last one repeats); `null` never answers (timeouts).
 */
export async function startReceiver(answer: Array<number | null> = [200]): Promise<{ port: number; url: string; requests: ReceivedRequest[]; close(): Promise<void> }> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answer[Math.min(requests.length - 1, answer.length - 1)];
      if (status === null) return; // hang
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status >= 400 ? `status ${status} from the receiver` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Quoted-printable soft breaks and escapes undone, enough to search a body for text. */
export function decodeQp(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
