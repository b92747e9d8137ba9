/**
 * The clock: its kind and now; in simulated mode, moving it forward and
 * running everything that fell due (each wake-up at its own instant),
 * which is how a demo or a test plays a week of campaign in a second.
 */
import type { FastifyInstance } from 'fastify';
import { SimulatedClock } from '../../hosts/live/clock';
import type { HistoryEntry, RuntimeHost } from '../../hosts/live/runtime-host';
import { nudgeError } from '../../../errors/nudge-error';
import { errorResponses } from '../schemas';

/** Beyond this many contacts due, the answer gives counts only (the history routes have the rest). */
const MAX_REPORTED_CONTACTS = 1000;

/** An ISO 8601 instant with its offset: without one, the server's own zone would decide. */
const ISO_INSTANT = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$';

/**
 * Store meta key of the simulated clock's instant: a restarted simulated
 * server resumes where it was instead of replaying from --start.
 */
export const SIMULATED_CLOCK_META = 'simulatedClock';

const clockSchema = { type: 'object', properties: { kind: { type: 'string' }, now: { type: 'string' } } } as const;

export function clockRoutes(app: FastifyInstance, host: RuntimeHost): void {
  app.get('/clock', {
    schema: { summary: 'Read the clock (simulated or wall) and its current time', tags: ['clock'], response: { 200: clockSchema } },
  }, async () => ({ kind: host.clock.kind, now: new Date(host.clock.now()).toISOString() }));

  app.post<{ Body: { ms?: number; to?: string } }>('/clock/advance', {
    schema: {
      summary: 'Advance the simulated clock and run what fell due',
      tags: ['clock'],
      description: 'Simulated clock only: move forward by `ms` or to the instant `to`, then run what fell due.',
      body: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        properties: { ms: { type: 'integer', minimum: 0, maximum: 100 * 365 * 86_400_000 }, to: { type: 'string', pattern: ISO_INSTANT, description: 'ISO 8601 instant with Z or an offset' } },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            from: { type: 'string' },
            now: { type: 'string' },
            contactInstants: { type: 'integer' },
            steps: { type: 'array', items: { type: 'object', additionalProperties: true } },
            truncated: { type: 'boolean' },
          },
        },
        ...errorResponses,
        409: { $ref: 'NudgeError#' },
      },
    },
  }, async (req) => {
    const clock = host.clock;
    if (!(clock instanceof SimulatedClock)) {
      throw nudgeError('NUDGE_ERR_CLOCK_NOT_SIMULATED', {});
    }
    const from = clock.now();
    const to = req.body.to !== undefined ? Date.parse(req.body.to) : from + (req.body.ms ?? 0);
    if (Number.isNaN(to)) throw nudgeError('NUDGE_ERR_VALIDATION', { problem: `body.to ${JSON.stringify(req.body.to)} is not a calendar instant.` });
    if (to < from) {
      throw nudgeError('NUDGE_ERR_CLOCK_BACKWARDS', { to: String(req.body.to), now: new Date(from).toISOString() });
    }
    await host.runDue(from); // anything already due runs before time moves
    // Only contacts with a wake-up in the window can run in it (nothing else happens meanwhile).
    const due = await host.dueWakeups(to, MAX_REPORTED_CONTACTS + 1);
    clock.set(to);
    // Durable before anything runs at the new instant, and so before we answer.
    await host.saveMeta({ [SIMULATED_CLOCK_META]: to });
    const contactInstants = await host.runDue(to);
    const truncated = due.length > MAX_REPORTED_CONTACTS;
    const steps: HistoryEntry[] = [];
    if (!truncated) {
      for (const { contactId } of due) {
        for (const h of await host.history(contactId)) if (h.time > from && h.time <= to) steps.push(h);
      }
      steps.sort((a, b) => a.time - b.time || (a.contact < b.contact ? -1 : a.contact > b.contact ? 1 : 0));
    }
    return {
      from: new Date(from).toISOString(),
      now: new Date(to).toISOString(),
      contactInstants,
      steps: steps.map((h) => ({ ...h, time: new Date(h.time).toISOString() })),
      truncated,
    };
  });
}
