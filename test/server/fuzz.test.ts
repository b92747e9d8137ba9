// Property-based fuzzing of every route of the app (fast-check + app.inject()):
// random and malformed ids, bodies, raw payloads, content types, headers and
// query strings. Properties: never a 5xx; every error is `{ code: 'NUDGE_ERR_…',
// message }` JSON without a stack; a non-public route without the right token
// answers 401; afterwards the store flushes and its file reopens with
// LowdbStore.open.
//
// Two router-level cases fall outside the error handler and are documented
// below as their own tests: a malformed percent-encoding in the path and a
// path parameter longer than maxParamLength. The properties keep their
// generated URLs clear of those two cases.
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { AUTH, TOKEN, openApp } from './helpers';

// ---------------------------------------------------------------------------
// The route table (app.printRoutes(); HEAD is added by Fastify for every GET).
// `:a` and `:b` are the path parameters the fuzzer fills.

type BodyKind = 'contact' | 'contactPatch' | 'tags' | 'contactId' | 'purchase' | 'form' | 'task' | 'clock' | 'none';
interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  public?: boolean;
  body: BodyKind;
  query?: string[];
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/health', public: true, body: 'none' },
  { method: 'GET', path: '/l/:a', public: true, body: 'none' },
  { method: 'POST', path: '/forms/:a', public: true, body: 'form' },
  { method: 'GET', path: '/sequences', body: 'none' },
  { method: 'GET', path: '/sequences/:a', body: 'none' },
  { method: 'POST', path: '/sequences/:a/contacts', body: 'contactId' },
  { method: 'DELETE', path: '/sequences/:a/contacts/:b', body: 'none' },
  { method: 'GET', path: '/contacts', body: 'none', query: ['offset', 'limit'] },
  { method: 'POST', path: '/contacts', body: 'contact' },
  { method: 'GET', path: '/contacts/:a', body: 'none' },
  { method: 'PATCH', path: '/contacts/:a', body: 'contactPatch' },
  { method: 'DELETE', path: '/contacts/:a', body: 'none' },
  { method: 'GET', path: '/contacts/:a/history', body: 'none' },
  { method: 'GET', path: '/contacts/:a/enrollments', body: 'none' },
  { method: 'POST', path: '/contacts/:a/tags', body: 'tags' },
  { method: 'DELETE', path: '/contacts/:a/tags/:b', body: 'none' },
  { method: 'POST', path: '/goals/api/:a', body: 'contactId' },
  { method: 'POST', path: '/events/:a', body: 'contactId' },
  { method: 'POST', path: '/purchases', body: 'purchase' },
  { method: 'GET', path: '/tasks', body: 'none', query: ['contactId', 'userId'] },
  { method: 'PATCH', path: '/tasks/:a', body: 'task' },
  { method: 'GET', path: '/appointments', body: 'none', query: ['contactId', 'userId'] },
  { method: 'GET', path: '/opportunities', body: 'none', query: ['contactId', 'userId'] },
  { method: 'GET', path: '/orders', body: 'none', query: ['contactId', 'userId'] },
  { method: 'GET', path: '/notes', body: 'none', query: ['contactId', 'userId'] },
  { method: 'GET', path: '/outbox', body: 'none', query: ['status', 'contactId'] },
  { method: 'GET', path: '/fulfillment/:a.csv', body: 'none' },
  { method: 'GET', path: '/clock', body: 'none' },
  { method: 'POST', path: '/clock/advance', body: 'clock' },
  { method: 'GET', path: '/docs/json', public: true, body: 'none' },
];
const PRIVATE_ROUTES = ROUTES.filter((r) => !r.public);
const PUBLIC_ROUTES = ROUTES.filter((r) => r.public);
const BODY_ROUTES = ROUTES.filter((r) => r.body !== 'none');

/** Fields the bodies know, so the fuzzer sends them with wrong types too. */
const KNOWN_FIELDS = [
  'id', 'email', 'firstName', 'lastName', 'phone', 'fax', 'company', 'timezone', 'birthday', 'anniversary', 'ownerId',
  'address', 'card', 'custom', 'tags', 'contactId', 'product', 'failed', 'completed', 'ms', 'to',
];

// ---------------------------------------------------------------------------
// Arbitraries.

/** maxParamLength is 4096: longer parameters are the documented 414 gap, kept out of the properties. */
const MAX_ENCODED_PARAM = 4000;

const segment: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '', '.', '..', '%00', '\u0000', '%2e%2e', 'c1', 'welcome', 'vip', 'signup', 'gift-box', 'task-call', 'a/b', '../..',
    '?x=1', '#frag', 'ñandú😀', '\u202e\u200b', ' ', 'con tact', '__proto__', 'constructor', 'x.csv', '%25', '\\..\\',
  ),
  fc.integer({ min: 150, max: 3900 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 300 }).map((n) => 'é😀'.repeat(n).slice(0, n)),
);

function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return 'lone-surrogate'; // encodeURIComponent refuses half a surrogate pair
  }
}

/** A path segment as sent: percent-encoded, or raw when that is still a valid URL component. */
const pathSegment = fc.tuple(segment, fc.boolean()).map(([text, raw]) => {
  if (raw) {
    try {
      decodeURIComponent(text); // raw `%zz` is the documented FST_ERR_BAD_URL gap
      if (!/[\u0000-\u001f\u007f]/.test(text) && text.length <= MAX_ENCODED_PARAM) return text;
    } catch { /* fall through to the encoded form */ }
  }
  const encoded = encode(text);
  return encoded.length <= MAX_ENCODED_PARAM ? encoded : encoded.slice(0, MAX_ENCODED_PARAM).replace(/%[0-9A-F]?$/, '');
});

/** Ids that exist, so requests get past the 404s. */
const knownId = fc.constantFrom('c1', 'c2', 'welcome', 'vip', 'signup', 'VIP', 'gift-box');

function fillPath(template: string, a: string, b: string): string {
  return template.replace(':a', a).replace(':b', b);
}

const queryString = fc.oneof(
  fc.constant(''),
  fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom('offset', 'limit', 'status', 'contactId', 'userId', 'x', '__proto__', 'limit[]', ''), fc.string({ maxLength: 8 })),
      fc.oneof(
        fc.string(),
        fc.constantFrom('', '-1', '0', '1', '1000', '1001', '1e3', '1.5', 'NaN', 'true', 'pending', 'sent', 'failed', 'c1', 'a b', '%00'),
        fc.integer().map(String),
      ),
      fc.boolean(),
    ),
    { maxLength: 5 },
  ).map((pairs) => `?${pairs.map(([k, v, raw]) => (raw ? `${k}=${v}` : `${encode(k)}=${encode(v)}`)).join('&')}`),
  fc.string().map((s) => `?${s}`),
);

const isoish = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-12-08T00:00:00Z', '2026-12-07T15:00:00+00:00', '2026-13-45T99:99Z', '2026-12-07T15:00Z', '2020-01-01T00:00:00Z', 'tomorrow', ''),
);

/** Bodies shaped like what the route takes (sometimes valid, so the handlers run), sometimes not. */
function plausibleBody(kind: BodyKind): fc.Arbitrary<unknown> {
  const id = fc.oneof(fc.constantFrom('c1', 'c2', 'fz-contact', 'task-call', 'u1'), segment);
  const tags = fc.array(fc.oneof(fc.constantFrom('VIP', 'Gifted', 'x'), fc.string({ maxLength: 210 })), { maxLength: 4 });
  const email = fc.oneof(fc.constantFrom('fz@acme.test', 'a@b', 'no-at', '', 'x@y z'), fc.string());
  const text = fc.oneof(fc.string(), fc.constant(null), fc.integer({ min: 990, max: 1010 }).map((n) => 'f'.repeat(n)));
  switch (kind) {
    case 'contact':
      return fc.record({ id, email, firstName: text, tags, custom: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }) }, { requiredKeys: [] });
    case 'contactPatch':
      return fc.record({ firstName: text, email, address: fc.record({ city: text, street: text }, { requiredKeys: [] }), card: fc.record({ last4: fc.string({ maxLength: 5 }), decline: fc.boolean() }, { requiredKeys: [] }) }, { requiredKeys: [] });
    case 'tags':
      return fc.record({ tags });
    case 'contactId':
      return fc.record({ contactId: id });
    case 'purchase':
      return fc.record({ contactId: id, product: fc.string({ maxLength: 210 }), failed: fc.boolean() }, { requiredKeys: [] });
    case 'form':
      return fc.record({ email, firstName: text, tags }, { requiredKeys: [] });
    case 'task':
      return fc.record({ completed: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })) });
    case 'clock':
      return fc.oneof(
        fc.record({ ms: fc.oneof(fc.integer({ min: 0, max: 30 * 86_400_000 }), fc.integer(), fc.double()) }),
        fc.record({ to: isoish }),
        fc.record({ ms: fc.nat(), to: isoish }),
      );
    case 'none':
      return fc.constant(undefined);
  }
}

/** Valid bodies, so the handlers (not only the validator) run under the fuzzer. */
function validBody(kind: BodyKind): fc.Arbitrary<unknown> {
  const contactId = fc.constantFrom('c1', 'c2');
  switch (kind) {
    case 'contact':
      return fc.record({
        id: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
        email: fc.constantFrom('new@acme.test', 'c1@acme.test'),
        firstName: fc.string({ maxLength: 20 }),
        tags: fc.subarray(['VIP', 'Gifted', 'x']),
      }, { requiredKeys: ['id'] });
    case 'contactPatch':
      return fc.record({ firstName: fc.option(fc.string({ maxLength: 20 }), { nil: null }), company: fc.string({ maxLength: 20 }) }, { requiredKeys: ['firstName'] });
    case 'tags':
      return fc.record({ tags: fc.subarray(['VIP', 'Gifted', 'x'], { minLength: 1 }) });
    case 'contactId':
      return fc.record({ contactId });
    case 'purchase':
      return fc.record({ contactId, product: fc.constantFrom('book', 'p'), failed: fc.boolean() });
    case 'form':
      return fc.record({ email: fc.constantFrom('c1@acme.test', 'form@acme.test'), firstName: fc.string({ maxLength: 20 }), tags: fc.subarray(['VIP', 'y']) }, { requiredKeys: ['email'] });
    case 'task':
      return fc.record({ completed: fc.boolean() });
    case 'clock':
      return fc.oneof(fc.record({ ms: fc.integer({ min: 0, max: 3 * 86_400_000 }) }), fc.constant({ to: '2027-01-01T00:00:00Z' }));
    case 'none':
      return fc.constant(undefined);
  }
}

/** Any JSON body: random values, known fields with wrong types, extra properties, arrays, huge strings. */
function jsonBody(kind: BodyKind): fc.Arbitrary<unknown> {
  return fc.oneof(
    plausibleBody(kind),
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_FIELDS, 'extra', 'constructor', 'prototype'), fc.string({ maxLength: 6 })), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
    fc.array(plausibleBody(kind), { maxLength: 3 }),
    fc.tuple(fc.constantFrom(...KNOWN_FIELDS), fc.integer({ min: 10_000, max: 95_000 })).map(([k, n]) => ({ [k]: 'z'.repeat(n) })),
    fc.tuple(plausibleBody(kind), fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })).map(([b, k, v]) =>
      (b !== null && typeof b === 'object' && !Array.isArray(b) ? { ...b, [`extra-${k}`]: v } : b)),
  );
}

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=utf-16',
    'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml',
    'application/vnd.api+json', 'application/json;', ';;;', '*/*', 'json',
  ),
  fc.string({ maxLength: 30 }),
);

const rawBody = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '{', '}', '{"a":', '[1,]', "{'a':1}", 'nul', 'undefined', 'NaN', '{"tags":[1,2,}', '\uFEFF{}', '{"a":1}{"b":2}',
    '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"contactId":"c1"', '"\\ud800"',
    'email=fz%40acme.test&tags=VIP&tags=', 'email=%zz&tags', '__proto__=1&constructor=2&email=a@b', '&&&==&=',
    'email=a@b&firstName=' + 'q'.repeat(2000), '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b\r\n--x--',
  ),
  fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)), // truncated JSON
  fc.integer({ min: 110_000, max: 130_000 }).map((n) => `{"firstName":"${'y'.repeat(n)}"}`), // over the body limit
);

/** Authorization headers that are never the right token. */
const wrongAuth = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', 'Bearer', 'Bearer ', 'bearer', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${TOKEN}`,
    `Bearer ${TOKEN} extra`, `Token ${TOKEN}`, `Bearer\t`, 'Bearer null', 'Basic dXNlcjpwYXNz', `${TOKEN} Bearer`),
  fc.string().map((s) => `Bearer ${s}`),
  fc.string(),
).filter((h) => h === undefined || /^Bearer\s+(\S+)\s*$/i.exec(h)?.[1] !== TOKEN);
/** Authorization headers with the right token (the scheme is case-insensitive, spaces around it are allowed). */
const rightAuth = fc.constantFrom(AUTH.authorization, `bearer ${TOKEN}`, `BEARER   ${TOKEN}  `, `Bearer\t${TOKEN}`);

const SKIP_HEADERS = new Set(['content-length', 'transfer-encoding', 'host', 'authorization', 'content-type', 'expect', 'connection']);
const extraHeaders = fc.dictionary(
  fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), fc.constantFrom('accept', 'accept-encoding', 'x-forwarded-for', 'x-http-method-override', 'cookie', 'origin', 'if-none-match')),
  fc.string({ maxLength: 60 }),
  { maxKeys: 4 },
).map((h) => Object.fromEntries(Object.entries(h).filter(([k]) => !SKIP_HEADERS.has(k))));

const otherMethod = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') as fc.Arbitrary<InjectOptions['method']>;

interface Payload { body?: string; contentType?: string }

/** A body as sent: JSON of a random value, a raw payload under some content type, form-encoded, or none. */
function payloadFor(kind: BodyKind): fc.Arbitrary<Payload> {
  return fc.oneof(
    { weight: 3, arbitrary: validBody(kind).map((v): Payload => ({ body: JSON.stringify(v), contentType: 'application/json' })) },
    { weight: 5, arbitrary: jsonBody(kind).map((v): Payload => ({ body: v === undefined ? undefined : JSON.stringify(v), contentType: 'application/json' })) },
    { weight: 2, arbitrary: fc.record({ body: rawBody, contentType }) },
    { weight: 1, arbitrary: fc.record({ body: rawBody, contentType: fc.constant(undefined) }, { requiredKeys: ['body'] }) },
    { weight: 1, arbitrary: plausibleBody(kind).map((v): Payload => ({ body: formEncode(v), contentType: 'application/x-www-form-urlencoded' })) },
    { weight: 1, arbitrary: fc.constant<Payload>({}) },
  );
}

function formEncode(value: unknown): string {
  const params = new URLSearchParams();
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, typeof item === 'string' ? item : JSON.stringify(item) ?? '');
    }
  }
  return params.toString();
}

interface Case {
  route: Route;
  method: InjectOptions['method'];
  a: string;
  b: string;
  query: string;
  payload: Payload;
  headers: Record<string, string>;
}

function requestCase(routes: Route[], authorization: fc.Arbitrary<string | undefined>): fc.Arbitrary<Case> {
  return fc.constantFrom(...routes).chain((route) =>
    fc.record({
      route: fc.constant(route),
      method: fc.oneof({ weight: 9, arbitrary: fc.constant(route.method as InjectOptions['method']) }, { weight: 1, arbitrary: otherMethod }),
      a: fc.oneof(pathSegment, knownId),
      b: fc.oneof(pathSegment, knownId),
      query: queryString,
      payload: route.body === 'none'
        ? fc.oneof({ weight: 4, arbitrary: fc.constant<Payload>({}) }, { weight: 1, arbitrary: payloadFor('none') })
        : payloadFor(route.body),
      headers: fc.tuple(extraHeaders, authorization).map(([h, auth]) => (auth === undefined ? h : { ...h, authorization: auth })),
    }));
}

function toInject(c: Case): InjectOptions {
  const headers: Record<string, string> = { ...c.headers };
  if (c.payload.contentType !== undefined) headers['content-type'] = c.payload.contentType;
  return { method: c.method, url: fillPath(c.route.path, c.a, c.b) + c.query, headers, payload: c.payload.body };
}

// ---------------------------------------------------------------------------
// The checks every answer must pass.

const STACK_MARKERS = ['    at ', '.ts:'];

function describeCase(opts: InjectOptions): string {
  const body = typeof opts.payload === 'string' && opts.payload.length > 300 ? `${opts.payload.slice(0, 300)}…(${opts.payload.length})` : opts.payload;
  const url = String(opts.url);
  return JSON.stringify({ method: opts.method, url: url.length > 300 ? `${url.slice(0, 300)}…(${url.length})` : url, headers: opts.headers, body });
}

/** Never a 5xx; an error is coded JSON with a message and no stack (unless the request itself carried that text). */
function checkAnswer(res: LightMyRequestResponse, opts: InjectOptions): void {
  const where = describeCase(opts);
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode < 400 || opts.method === 'HEAD') return;
  expect(String(res.headers['content-type']), where).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(typeof body.code, where).toBe('string');
  expect(body.code as string, where).toMatch(/^NUDGE_ERR_[A-Z_]+$/);
  expect(typeof body.message, where).toBe('string');
  expect(body, where).not.toHaveProperty('stack');
  const sent = `${String(opts.url)}\n${String(opts.payload ?? '')}\n${JSON.stringify(opts.headers ?? {})}`;
  for (const marker of STACK_MARKERS) {
    if (!sent.includes(marker)) expect(res.body.includes(marker), `${where} leaked "${marker}": ${res.body.slice(0, 500)}`).toBe(false);
  }
}

/** The path the router sees: light-my-request resolves `.` and `..` segments as a WHATWG URL (see its parse-url.js). */
function resolvedPath(url: string): string {
  return new URL(url.startsWith('//') ? `http://localhost${url}` : url, 'http://localhost').pathname;
}
const PUBLIC_PATH = /^\/(health|l\/[^/]+|forms\/[^/]+)$/;

/** One app per property; afterwards the store flushes and its file reopens and validates. */
async function withApp(run: (app: Awaited<ReturnType<typeof openApp>>['app']) => Promise<void>): Promise<void> {
  const opened = await openApp();
  const { app, store } = opened;
  // A few things to find, so valid-looking requests reach the handlers.
  await app.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'c1', email: 'c1@acme.test', firstName: 'Cy', tags: ['VIP'] } });
  await app.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'c2', email: 'c2@acme.test' } });
  try {
    await run(app);
  } finally {
    await app.close();
  }
  await store.flush();
  const contacts = await store.countContacts();
  await store.close();
  const reopened = await LowdbStore.open(store.file);
  expect(await reopened.countContacts()).toBe(contacts);
  await reopened.close();
}

// ---------------------------------------------------------------------------

describe('fuzzing every route', () => {
  it('with the right token: random ids, bodies, query strings and headers never give a 5xx or an uncoded error', async () => {
    await withApp(async (app) => {
      await fc.assert(fc.asyncProperty(requestCase(ROUTES, rightAuth), async (c) => {
        const opts = toInject(c);
        const res = await app.inject(opts);
        checkAnswer(res, opts);
        if (res.statusCode === 401) throw new Error(`right token refused: ${describeCase(opts)}`);
      }), { numRuns: 150 });
    });
  });

  it('malformed raw bodies and content types on the routes that take a body', async () => {
    await withApp(async (app) => {
      const c = fc.record({
        route: fc.constantFrom(...BODY_ROUTES),
        a: fc.constantFrom('c1', 'welcome', 'signup', 'task-call', 'x'),
        body: rawBody,
        contentType: fc.option(contentType, { nil: undefined }),
      });
      await fc.assert(fc.asyncProperty(c, async ({ route, a, body, contentType: type }) => {
        const headers: Record<string, string> = { ...AUTH };
        if (type !== undefined) headers['content-type'] = type;
        const opts: InjectOptions = { method: route.method, url: fillPath(route.path, a, 'c1'), headers, payload: body };
        const res = await app.inject(opts);
        checkAnswer(res, opts);
        // Broken JSON sent as JSON is a client error with the JSON code, whatever the route.
        if (type === 'application/json' && body.length < 100_000 && !isJson(body)) {
          expect(res.statusCode, describeCase(opts)).toBe(400);
          expect(res.json().code, describeCase(opts)).toBe('NUDGE_ERR_INVALID_JSON');
        }
      }), { numRuns: 100 });
    });
  });

  it('public routes without a token (or with garbage) never give a 5xx or an uncoded error', async () => {
    await withApp(async (app) => {
      await fc.assert(fc.asyncProperty(requestCase(PUBLIC_ROUTES, wrongAuth), async (c) => {
        const opts = toInject(c);
        const res = await app.inject(opts);
        checkAnswer(res, opts);
      }), { numRuns: 80 });
    });
  });

  it('every non-public route (and unknown ones) without the right token answers a coded 401, before reading the body', async () => {
    await withApp(async (app) => {
      const unknownRoute: Route = { method: 'GET', path: '/:a/:b', body: 'none' };
      await fc.assert(fc.asyncProperty(requestCase([...PRIVATE_ROUTES, unknownRoute], wrongAuth), async (c) => {
        const opts = toInject(c);
        const res = await app.inject(opts);
        checkAnswer(res, opts);
        // `..` segments are resolved by the URL parser: `/sequences/../health` is /health, which is public.
        if (PUBLIC_PATH.test(resolvedPath(String(opts.url)))) return;
        expect(res.statusCode, describeCase(opts)).toBe(401);
        if (opts.method !== 'HEAD') expect(res.json().code).toBe('NUDGE_ERR_UNAUTHORIZED');
      }), { numRuns: 120 });
    });
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, '')); // Fastify's JSON parser drops a leading BOM too
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Known gaps, found by this fuzzer. Neither is a 5xx, but both answers come
// from Fastify's router before the error handler and the auth hook run, so they
// break the error contract: Fastify's own shape (`code: 'FST_ERR_…'`,
// `error`, `statusCode`), answered without a token, echoing the URL.
// Found by the fuzzer: the router refused these URLs in Fastify's own format, without a
// token check. buildApp's `frameworkErrors` handler now gives them the token check and a code.

describe('router errors keep the error contract (Fastify answers them before any hook)', () => {
  it('a malformed percent-encoding in the path is a coded error', async () => {
    const { app } = await openApp();
    try {
      // Minimal reproduction: GET /contacts/% (also /l/%FF, /forms/%E0%A4%A) with or without the token.
      const res = await app.inject({ method: 'GET', url: '/contacts/%' });
      expect(res.statusCode).toBe(401); // non-public route without a token
      expect(res.json().code).toMatch(/^NUDGE_ERR_/);
    } finally {
      await app.close();
    }
  });

  it('a path parameter longer than maxParamLength (4096) is a coded error', async () => {
    const { app } = await openApp();
    try {
      // Minimal reproduction: GET /contacts/ + 4097 × "a", with or without the token.
      const res = await app.inject({ method: 'GET', url: `/contacts/${'a'.repeat(4097)}`, headers: AUTH });
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code).toMatch(/^NUDGE_ERR_/);
    } finally {
      await app.close();
    }
  });
});
