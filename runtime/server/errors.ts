/**
 * Coded API errors. Every error the API returns has the same shape,
 * `{ code: 'NUDGE_ERR_…', message }`, so a client can branch on the code
 * and show the message; 5xx answers never carry a stack or an internal
 * message (those go to the log, tied to the request id).
 */
export type ErrorCode =
  | 'NUDGE_ERR_VALIDATION'
  | 'NUDGE_ERR_INVALID_JSON'
  | 'NUDGE_ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'NUDGE_ERR_BAD_REQUEST'
  | 'NUDGE_ERR_UNAUTHORIZED'
  | 'NUDGE_ERR_NOT_FOUND'
  | 'NUDGE_ERR_UNKNOWN_CONTACT'
  | 'NUDGE_ERR_UNKNOWN_SEQUENCE'
  | 'NUDGE_ERR_UNKNOWN_FORM'
  | 'NUDGE_ERR_CONTACT_EXISTS'
  | 'NUDGE_ERR_CLOCK_NOT_SIMULATED'
  | 'NUDGE_ERR_CLOCK_BACKWARDS'
  | 'NUDGE_ERR_BODY_TOO_LARGE'
  | 'NUDGE_ERR_INTERNAL';

/** Where a validation problem is: which part of the request, which property. */
export interface ValidationDetail {
  where: 'body' | 'params' | 'querystring' | 'headers';
  path: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ValidationDetail[];
}

/** An error a route throws on purpose: its status and code go to the client as they are. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ValidationDetail[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const unknownContact = (id: string): ApiError =>
  new ApiError(404, 'NUDGE_ERR_UNKNOWN_CONTACT', `No contact with id "${id}": create it first (POST /contacts) or check the id.`);

export const unknownSequence = (id: string, known: string[]): ApiError =>
  new ApiError(
    404,
    'NUDGE_ERR_UNKNOWN_SEQUENCE',
    `No published sequence "${id}". ${known.length ? `Published: ${known.map((k) => `"${k}"`).join(', ')}.` : 'None is published yet: put .seq.ts files in the served folder.'}`,
  );

export const notFound = (what: string): ApiError => new ApiError(404, 'NUDGE_ERR_NOT_FOUND', what);

/** The JSON Schema of an error answer, for the route schemas and the OpenAPI document. */
export const errorSchema = {
  $id: 'NudgeError',
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', description: 'Stable error code, NUDGE_ERR_…' },
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
