/**
 * A port `nudge serve` cannot listen on, as one line (NUDGE_ERR_LISTEN)
 * instead of Node's stack trace. Checked before the store is opened, so
 * nothing is left half started; the listen itself maps the same errors
 * (another program can take the port in between).
 */
import { createServer } from 'node:net';
import { nudgeError, type NudgeError } from '../../errors/nudge-error';

const REASONS: Record<string, string> = {
  EADDRINUSE: 'another program listens there (EADDRINUSE)',
  EACCES: 'this user may not listen on that port (EACCES)',
  EADDRNOTAVAIL: 'this machine has no such address (EADDRNOTAVAIL)',
};

/** The table's error for a listen failure, or undefined for an error of another kind. */
export function listenError(err: unknown, host: string, port: number): NudgeError | undefined {
  const code = (err as { code?: string } | undefined)?.code;
  if (!code || !(code in REASONS)) return undefined;
  return nudgeError('NUDGE_ERR_LISTEN', { address: `${host}:${port}`, reason: REASONS[code]! });
}

export async function assertCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => reject(listenError(err, host, port) ?? err));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
