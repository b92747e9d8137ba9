/**
 * The one error handler: turns whatever a route, a hook, the body parser
 * or the validator threw into a coded JSON answer. Client mistakes (4xx)
 * explain themselves; anything else is logged in full and answered with a
 * generic 500 naming the request id, so no stack or internal detail leaks.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NudgeError, nudgeError } from '../../errors/nudge-error';
import { renderApi } from '../../errors/render';
import { notFound, validationError, type ValidationDetail } from './errors';

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

/** Fastify's own errors that are the client's fault, as our codes. */
function fromFastifyError(error: FastifyError): NudgeError | undefined {
  if (error.validation) {
    const where = (error.validationContext ?? 'body') as ValidationDetail['where'];
    return validationError((error.validation as AjvIssue[]).map((i) => describeIssue(where, i)));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return nudgeError('NUDGE_ERR_BODY_TOO_LARGE', {});
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return nudgeError('NUDGE_ERR_UNSUPPORTED_MEDIA_TYPE', {});
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return nudgeError('NUDGE_ERR_INVALID_JSON', {});
  }
  // A JSON syntax error from the parser carries statusCode 400 without a code of ours.
  if (error instanceof SyntaxError) return nudgeError('NUDGE_ERR_INVALID_JSON', {});
  const status = error.statusCode ?? 500;
  if (status === 413) return nudgeError('NUDGE_ERR_BODY_TOO_LARGE', {});
  if (status >= 400 && status < 500) return nudgeError('NUDGE_ERR_BAD_REQUEST', { problem: error.message }, { status });
  return undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // A NudgeError is ours on purpose; only a 5xx one is a failure worth the log's full detail.
    const known = error instanceof NudgeError ? error : fromFastifyError(error);
    if (known && known.status < 500) {
      const { status, body } = renderApi(known);
      return reply.status(status).send(body);
    }
    request.log.error({ err: error }, 'request failed');
    const { status, body } = renderApi(nudgeError('NUDGE_ERR_INTERNAL', { requestId: request.id }));
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const { status, body } = renderApi(notFound(`No route ${request.method} ${request.url.split('?')[0]}; the routes are listed at /docs/json.`));
    reply.status(status).send(body);
  });
}
