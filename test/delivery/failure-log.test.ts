// Delivery failures are logged with their reason, warn while retried and error once failed, one line per reason a minute.
import { describe, expect, it } from 'vitest';
import { DeliveryFailureLog } from '../../runtime/delivery/failure-log';
import type { OutboxItem } from '../../runtime/store/contact-store';

const item = (key: string, type: 'email' | 'letter' = 'email') =>
  ({ key, status: 'pending', attempts: 0, effect: { type, contactId: 'c1', idempotencyKey: key } }) as unknown as OutboxItem;

describe('DeliveryFailureLog', () => {
  it('logs the first failure of a reason at once, counts the rest, and keeps file-system failures for /health until a success', () => {
    const lines: Array<{ level: string; details: Record<string, unknown>; message: string }> = [];
    let now = 0;
    const log = new DeliveryFailureLog({
      warn: (details, message) => lines.push({ level: 'warn', details: details as Record<string, unknown>, message }),
      error: (details, message) => lines.push({ level: 'error', details: details as Record<string, unknown>, message }),
    }, () => now);
    const reason = "EACCES: permission denied, open '/srv/outbox/email/.k.eml.tmp'";
    for (let i = 0; i < 60; i++) log.attempt(item(`k${i}`), { sent: false, reason, retryInMs: 30_000 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', details: { reason, kind: 'email' } });
    expect(lines[0].message).toMatch(/the outbox folder cannot be written: EACCES.*retried in 30 s/);
    expect(log.problem()).toMatch(/email delivery cannot write its files: EACCES/);
    now += 60_000;
    log.attempt(item('k60'), { sent: false, reason });
    expect(lines[1]).toMatchObject({ level: 'error', details: { sameReasonSinceLastLine: 59 } });
    expect(lines[1].message).toMatch(/marked failed/);
    log.attempt(item('k61', 'letter'), { sent: true });
    expect(log.problem()).not.toBeNull(); // a letter says nothing about emails
    log.attempt(item('k62'), { sent: true });
    expect(log.problem()).toBeNull();
  });
});
