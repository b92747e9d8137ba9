/**
 * The API's errors. Every answer of a failure has the same shape,
 * `{ code: 'NUDGE_ERR_…', message, details? }` (errors/render.ts renderApi),
 * with the status of the code's row in errors/error-table.ts, so a client
 * can branch on the code and show the message; 5xx answers never carry a
 * stack or an internal message (those go to the log, tied to the request id).
 */
import { nudgeError, type NudgeError } from '../../errors/nudge-error';

/** Where a validation problem is: which part of the request, which property. */
export interface ValidationDetail {
  where: 'body' | 'params' | 'querystring' | 'headers';
  path: string;
  message: string;
}

/** A request that does not have the accepted shape; `details` names each property. */
export const validationError = (details: ValidationDetail[], problem = details.map((d) => d.message).join('; ')): NudgeError =>
  nudgeError('NUDGE_ERR_VALIDATION', { problem }, { details });

export const unknownContact = (id: string): NudgeError => nudgeError('NUDGE_ERR_UNKNOWN_CONTACT', { id });

export const unknownSequence = (id: string, known: string[]): NudgeError =>
  nudgeError('NUDGE_ERR_UNKNOWN_SEQUENCE', {
    id,
    published: known.length ? `Published: ${known.map((k) => `"${k}"`).join(', ')}.` : 'None is published yet: put .seq.ts files in the served folder.',
  });

export const notFound = (problem: string): NudgeError => nudgeError('NUDGE_ERR_NOT_FOUND', { problem });

/** The JSON Schema of an error answer, for the route schemas and the OpenAPI document. */
export const errorSchema = {
  $id: 'NudgeError',
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'Stable error code, NUDGE_ERR_… (docs/errors.md)' },
    message: { type: 'string', description: 'What is wrong, where, and how to fix it' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        properties: { where: { type: 'string' }, path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;
