/**
 * The one error handler: turns whatever a route, a hook, the body parser
 * or the validator threw into a coded JSON answer. Client mistakes (4xx)
 * explain themselves; anything else is logged in full and answered with a
 * generic 500 naming the request id, so no stack or internal detail leaks.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UnknownContactError } from '../hosts/live/runtime-host';
import { ApiError, type ErrorBody, type ValidationDetail } from './errors';

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** One ajv issue as a person reads it: `body.tags[0] must be string`, `body has unknown property "foo"`. */
function describeIssue(where: ValidationDetail['where'], issue: AjvIssue): ValidationDetail {
  const path = `${where}${(issue.instancePath ?? '').replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}`;
  const p = issue.params ?? {};
  let message: string;
  if (issue.keyword === 'additionalProperties') {
    message = `${path} has unknown property "${String(p.additionalProperty)}": remove it (allowed properties are listed in /docs/json)`;
  } else if (issue.keyword === 'required') {
    message = `${path} is missing required property "${String(p.missingProperty)}"`;
  } else {
    message = `${path} ${issue.message ?? 'is invalid'}`;
  }
  return { where, path, message };
}

/** Fastify's own errors that are the client's fault, mapped to our codes. */
function fromFastifyError(error: FastifyError): ErrorBody & { status: number } | undefined {
  if (error.validation) {
    const where = (error.validationContext ?? 'body') as ValidationDetail['where'];
    const details = (error.validation as AjvIssue[]).map((i) => describeIssue(where, i));
    return { status: 400, code: 'NUDGE_ERR_VALIDATION', message: details.map((d) => d.message).join('; '), details };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'NUDGE_ERR_BODY_TOO_LARGE', message: 'Request body is larger than this server accepts; send less data per request.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'NUDGE_ERR_UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json (forms also accept application/x-www-form-urlencoded).' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'NUDGE_ERR_INVALID_JSON', message: 'The body is not valid JSON.' };
  }
  // A JSON syntax error from the parser carries statusCode 400 without a code of ours.
  if (error instanceof SyntaxError) return { status: 400, code: 'NUDGE_ERR_INVALID_JSON', message: 'The body is not valid JSON.' };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { status, code: status === 413 ? 'NUDGE_ERR_BODY_TOO_LARGE' : 'NUDGE_ERR_BAD_REQUEST', message: error.message };
  }
  return undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ApiError) return reply.status(error.statusCode).send(error.toBody());
    if (error instanceof UnknownContactError) {
      return reply.status(404).send({ code: 'NUDGE_ERR_UNKNOWN_CONTACT', message: error.message });
    }
    const known = fromFastifyError(error);
    if (known) {
      const { status, ...body } = known;
      return reply.status(status).send(body);
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({
      code: 'NUDGE_ERR_INTERNAL',
      message: `Internal error (request ${request.id}); the server log has the details.`,
    });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      code: 'NUDGE_ERR_NOT_FOUND',
      message: `No route ${request.method} ${request.url.split('?')[0]}; the routes are listed at /docs/json.`,
    });
  });
}
