/**
 * The request validator: two ajv instances. Query strings and path
 * parameters arrive as text, so they are coerced to the schema's types
 * (`?limit=10` is the number 10); JSON bodies are not, so `"tags": [1]`
 * is an error rather than the tag "1". Neither removes unknown properties
 * (`removeAdditional: false`): a body with one is refused, not trimmed.
 * No `format` keywords are used (ajv-formats is not a dependency of ours):
 * emails and instants are checked with patterns.
 */
import Ajv, { type Options } from 'ajv';
import type { FastifyInstance } from 'fastify';

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    allowUnionTypes: true,
    // Fastify and @fastify/swagger add their own keywords (description, tags...) to route schemas.
    strict: false,
  });
  return ajv;
}

export function installValidator(app: FastifyInstance): void {
  const forText = makeAjv('array');
  const forBodies = makeAjv(false);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? forBodies : forText).compile(schema));
}
