/**
 * The links in emails that change consent, public (no API token):
 *
 * - `POST /u/:token`: unsubscribe. A mailbox provider's one-click button
 *   (RFC 8058) posts `List-Unsubscribe=One-Click`; the page's own button
 *   posts `unsubscribe=yes`. Takes effect at once and answers 200 (never a
 *   redirect); a repeat changes nothing.
 * - `GET /u/:token`: a page with that button, changing nothing by itself
 *   (link scanners and previews fetch every GET).
 * - `GET /c/:token`, `POST /c/:token`: the same for a double opt-in
 *   confirmation (the form's confirmation email).
 *
 * A token is sealed (delivery/sealed-token.ts) and bound to its purpose: a
 * forged, altered, expired or wrong-purpose token is a 404 page. The
 * answers never depend on whether the contact still exists, so a token
 * says nothing about an address. Bodies are tiny and bounded; request
 * lines are not logged at info, so tokens stay out of the log.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RuntimeHost } from '../../hosts/live/runtime-host';
import { readConfirmToken, readUnsubscribeToken } from '../../delivery/consent-links';
import { deriveTokenKey, MAX_TOKEN_CHARS } from '../../delivery/sealed-token';
import { NudgeError } from '../../../errors/nudge-error';
import { applyNow } from '../apply-now';
import { sendConsentPage } from '../consent-page';

export interface ConsentRouteOptions {
  /** The secret the unsubscribe and confirmation tokens are sealed with (serve passes its link key; each token's purpose is sealed into it). */
  secret: string;
  /** The business's name, shown on the pages. */
  accountName?: string;
}

/** RFC 8058's body, and the page button's. */
const ONE_CLICK = { field: 'List-Unsubscribe', value: 'One-Click' } as const;
const PAGE_UNSUBSCRIBE = { field: 'unsubscribe', value: 'yes' } as const;
const PAGE_CONFIRM = { field: 'confirm', value: 'yes' } as const;

const params = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: MAX_TOKEN_CHARS } },
} as const;

/** At most one short field: what the two buttons and the one-click POST send. */
const body = {
  type: 'object',
  additionalProperties: false,
  maxProperties: 1,
  properties: {
    [ONE_CLICK.field]: { type: 'string', const: ONE_CLICK.value },
    [PAGE_UNSUBSCRIBE.field]: { type: 'string', const: PAGE_UNSUBSCRIBE.value },
    [PAGE_CONFIRM.field]: { type: 'string', const: PAGE_CONFIRM.value },
  },
} as const;

const route = { config: { public: true }, logLevel: 'warn' as const, bodyLimit: 1024 };

type TokenRequest = FastifyRequest<{ Params: { token: string }; Body?: Record<string, string> }>;

const invalidLink = (reply: FastifyReply) =>
  sendConsentPage(reply, { title: 'Link not valid', text: 'This link is not valid or has expired. You can use the link in a more recent email.' }, 404);

/** A contact deleted since the email was sent: the answer is the same as for one that exists. */
async function ignoringDeleted(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof NudgeError && error.code === 'NUDGE_ERR_UNKNOWN_CONTACT')) throw error;
  }
}

export function consentLinkRoutes(app: FastifyInstance, host: RuntimeHost, options: ConsentRouteOptions | undefined): void {
  const key = options ? deriveTokenKey(options.secret) : undefined;
  const from = options?.accountName ? ` from ${options.accountName}` : '';
  const unsubscribeClaims = (req: TokenRequest) => (key ? readUnsubscribeToken(key, req.params.token, host.clock.now()) : null);
  const confirmClaims = (req: TokenRequest) => (key ? readConfirmToken(key, req.params.token, host.clock.now()) : null);

  app.get<{ Params: { token: string } }>('/u/:token', {
    ...route,
    schema: { summary: 'Show the unsubscribe page of an email', tags: ['consent'], description: 'Unsubscribe page of an email: a button that POSTs; the GET itself changes nothing.', params },
  }, async (req, reply) => {
    if (!unsubscribeClaims(req)) return invalidLink(reply);
    return sendConsentPage(reply, {
      title: 'Unsubscribe',
      text: `Stop receiving marketing email${from}? Emails you asked for, such as receipts, still reach you.`,
      button: { label: 'Unsubscribe', ...PAGE_UNSUBSCRIBE },
    });
  });

  app.post<{ Params: { token: string }; Body?: Record<string, string> }>('/u/:token', {
    ...route,
    schema: { summary: 'Unsubscribe (one-click POST or the page button)', tags: ['consent'], description: 'Unsubscribe at once: the one-click POST of RFC 8058 (body List-Unsubscribe=One-Click) or the page button. 200, never a redirect; a repeat changes nothing.', params, body },
  }, async (req, reply) => {
    const claims = unsubscribeClaims(req);
    if (!claims) return invalidLink(reply);
    const oneClick = req.body?.[PAGE_UNSUBSCRIBE.field] === undefined;
    await ignoringDeleted(() => host.unsubscribe({
      contactId: claims.contactId,
      source: { kind: oneClick ? 'one-click' : 'unsubscribe-page', ip: req.ip },
      sequenceId: claims.sequenceId,
      stepId: claims.stepId,
    }));
    return sendConsentPage(reply, { title: 'You are unsubscribed', text: `You will receive no more marketing email${from}.` });
  });

  app.get<{ Params: { token: string } }>('/c/:token', {
    ...route,
    schema: { summary: 'Show a double opt-in confirmation page', tags: ['consent'], description: 'Double opt-in confirmation page: a button that POSTs; the GET itself changes nothing.', params },
  }, async (req, reply) => {
    if (!confirmClaims(req)) return invalidLink(reply);
    return sendConsentPage(reply, {
      title: 'Confirm your subscription',
      text: `Confirm that you want to receive email${from}.`,
      button: { label: 'Confirm', ...PAGE_CONFIRM },
    });
  });

  app.post<{ Params: { token: string }; Body?: Record<string, string> }>('/c/:token', {
    ...route,
    schema: { summary: 'Confirm a double opt-in', tags: ['consent'], description: 'Confirm a double opt-in: the address becomes confirmed (marketable) and the form counts as submitted. A repeat changes nothing.', params, body },
  }, async (req, reply) => {
    const claims = confirmClaims(req);
    if (!claims) return invalidLink(reply);
    await ignoringDeleted(async () => {
      // The person's own click: it confirms the address (lifting their own earlier opt-out, if any),
      // and only now does the form count as submitted. A repeat click changes and fires nothing.
      const { changed } = await host.confirmOptIn({ contactId: claims.contactId, source: { kind: 'double-opt-in', id: claims.formId, ip: req.ip } });
      if (changed) await applyNow(host, claims.contactId, { goals: [{ kind: 'formSubmitted', formId: claims.formId }] });
    });
    return sendConsentPage(reply, { title: 'Subscription confirmed', text: `Thank you: you will now receive email${from}.` });
  });
}
