/**
 * The wall-clock scheduler's heartbeat: runs due wake-ups once a second.
 * Wake-ups live in the store, so this only polls (`dueWakeups` is an
 * index lookup); a tick that is still running when the next one comes is
 * not doubled, and the timer is unref'd so it never keeps the process alive.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { RuntimeHost } from '../hosts/live/runtime-host';

export function startDueTicker(host: RuntimeHost, log: FastifyBaseLogger, everyMs = 1000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    host.runDue()
      .then((ran) => { if (ran > 0) log.debug({ contactInstants: ran }, 'ran due wake-ups'); })
      .catch((err: unknown) => log.error({ err }, 'running due wake-ups failed; retrying on the next tick'))
      .finally(() => { running = false; });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
