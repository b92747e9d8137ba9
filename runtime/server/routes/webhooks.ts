/**
 * `POST /webhooks/bounces`: bounces and complaints that arrive after a
 * message left (the receiving system bounced it later, or the person
 * pressed "report spam"). Token-protected: whoever posts here can make an
 * address unmailable, so it is the email service's or the bounce mailbox
 * forwarder's job, never the public's.
 *
 * Two bodies: JSON events as email services post them (one or a batch of
 * up to 100), and, as `message/rfc822`, one report exactly as the mail
 * system sent it (RFC 3464 DSN or RFC 5965 ARF, see bounce-reports.ts).
 * Each event is recorded through the host (its serial queue): a hard
 * bounce or complaint suppresses the address, soft bounces count.
 */
import type { FastifyInstance } from 'fastify';
import type { RuntimeHost } from '../../hosts/live/runtime-host';
import { parseBounceReport, type ReportedEvent } from '../bounce-reports';
import { EMAIL, errorResponses } from '../schemas';

/** A report carries the bounced message (or its headers): more than a form, bounded all the same. */
export const BOUNCE_REPORT_LIMIT = 1024 * 1024;
export const MAX_EVENTS = 100;

interface JsonEvent {
  type: 'bounce' | 'complaint';
  email: string;
  permanent?: boolean;
  detail?: string;
}

const eventProperties = {
  type: { type: 'string', enum: ['bounce', 'complaint'] },
  email: { type: 'string', minLength: 3, maxLength: 254, pattern: EMAIL },
  permanent: { type: 'boolean', description: 'bounce only: true (default) for a hard bounce, false for a soft one' },
  detail: { type: 'string', maxLength: 500 },
} as const;
const eventSchema = { type: 'object', additionalProperties: false, required: ['type', 'email'], properties: eventProperties } as const;

/**
 * One event or a list of them. JSON Schema applies the object keywords to
 * objects only and the array keywords to arrays only, so one schema says
 * both, and a mistake is reported at its path rather than as "matches no
 * alternative".
 */
const bodySchema = {
  type: ['object', 'array'],
  additionalProperties: false,
  required: ['type', 'email'],
  properties: eventProperties,
  minItems: 1,
  maxItems: MAX_EVENTS,
  items: eventSchema,
} as const;

const answerSchema = {
  type: 'object',
  properties: {
    recorded: { type: 'integer' },
    ignored: { type: 'integer', description: 'report entries that are no failure or complaint (a delay warning, Feedback-Type not-spam)' },
    events: {
      type: 'array',
      items: {
        type: 'object',
        properties: { email: { type: 'string' }, kind: { type: 'string' }, contactIds: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
} as const;

function fromJson(event: JsonEvent): ReportedEvent {
  const kind = event.type === 'complaint' ? 'complaint' : event.permanent === false ? 'soft-bounce' : 'hard-bounce';
  return { email: event.email, kind, detail: event.detail ?? `webhook ${event.type}` };
}

export function webhookRoutes(app: FastifyInstance, host: RuntimeHost): void {
  const record = async (events: ReportedEvent[], ignored: number, format: string) => {
    const out: Array<{ email: string; kind: string; contactIds: string[] }> = [];
    for (const e of events) {
      const { contactIds } = await host.recordEmailEvent({ email: e.email, kind: e.kind, detail: e.detail, source: { kind: 'webhook', id: format } });
      out.push({ email: e.email, kind: e.kind, contactIds });
    }
    return { recorded: out.length, ignored, events: out };
  };

  // A scope of its own, so only this route reads message/rfc822 bodies.
  void app.register(async (scope) => {
    scope.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: BOUNCE_REPORT_LIMIT }, (_req, body, done) => done(null, body));
    scope.post<{ Body: JsonEvent | JsonEvent[] | Buffer }>('/webhooks/bounces', {
      bodyLimit: BOUNCE_REPORT_LIMIT,
      schema: {
        summary: 'Report bounces and complaints',
        tags: ['webhooks'],
        description: 'Bounces and complaints: JSON `{ type: "bounce"|"complaint", email, permanent?, detail? }` (or a list of up to 100), or one RFC 3464 DSN / RFC 5965 ARF report as message/rfc822.',
        // A message/rfc822 body is a Buffer, checked by the report parser, not by a schema.
        body: { content: { 'application/json': { schema: bodySchema } } },
        response: { 200: answerSchema, ...errorResponses },
      },
    }, async (req) => {
      if (Buffer.isBuffer(req.body)) {
        const report = await parseBounceReport(req.body);
        return record(report.events, report.ignored, report.format);
      }
      const events = Array.isArray(req.body) ? req.body : [req.body];
      return record(events.map(fromJson), 0, 'json');
    });
  });
}
