/**
 * Entry of dist/delivery-thread.js: the worker thread that renders and
 * sends outbox items for `nudge serve` (nodemailer building each message,
 * .eml / PDF / fax files, SMTP, HTTP Posts), so that this work no longer
 * competes with requests on the server's main thread. It has no store: the
 * main thread reads due items, sends each here, and records the outcome
 * this thread reports ('sent', or 'failed' with whether to retry).
 *
 * Started with the config as workerData (see DeliveryThread).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { OutgoingEffect } from '../engine/effects';
import { useSyncFileWrites } from './atomic-file';
import { closeTransports, createTransports } from './create-transports';
import { DeliveryError } from './delivery-error';
import { consentLinks } from './consent-links';
import { linkTracker, openPixel } from './link-tokens';
import { toThreadError, type DeliveryThreadConfig, type ThreadReply, type ThreadRequest } from './thread-protocol';
import type { Transport, Transports } from './transport';

const port = parentPort;
if (!port) throw new Error('delivery-thread.js must be started as a worker thread (new Worker(path)), not run directly.');

const { links, consent, nice = 10, ...config } = workerData as DeliveryThreadConfig;
// On Linux a nice value belongs to a thread, and setpriority(PRIO_PROCESS, 0) from a thread
// changes only that thread. Elsewhere it would renice the whole server, so it is not done.
if (process.platform === 'linux' && nice !== 0) {
  try {
    setPriority(nice);
  } catch {
    // Not allowed (a container's policy): delivery runs at the server's priority.
  }
}
// This thread does nothing else: blocking it on a file write is fine, and it keeps the
// process-wide libuv pool free for the journal appends that acknowledgements wait for.
useSyncFileWrites();
const transports: Transports = createTransports({
  ...config,
  trackLink: links ? linkTracker(links) : undefined,
  openPixel: links?.openPixel ? openPixel(links) : undefined,
  consentLinks: consent ? consentLinks(consent) : undefined,
});
/** Sends in progress: a close waits for them, so no outcome is lost on a clean stop. */
const inFlight = new Set<Promise<void>>();

const reply = (message: ThreadReply): void => port.postMessage(message);

async function send(id: number, effect: OutgoingEffect): Promise<void> {
  try {
    const transport = transports[effect.type] as Transport<OutgoingEffect> | undefined;
    if (!transport) throw new DeliveryError(`No transport for ${effect.type} items.`, { permanent: true });
    const receipt = await transport.send(effect);
    reply(receipt && receipt.refused.length > 0 ? { type: 'sent', id, refused: receipt.refused } : { type: 'sent', id });
  } catch (error) {
    reply({ type: 'failed', id, error: toThreadError(error) });
  }
}

port.on('message', (message: ThreadRequest) => {
  if (message.type === 'send') {
    const sending = send(message.id, message.effect);
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
    return;
  }
  void Promise.all(inFlight)
    .then(() => closeTransports(transports))
    // The main thread ends this thread once it has this answer.
    .finally(() => reply({ type: 'closed' }));
});
