/**
 * The small HTML pages of the unsubscribe and confirmation links: one
 * heading, one sentence, at most one button that POSTs back to the same
 * address. Everything variable is escaped; nothing is fetched from
 * elsewhere (no scripts, images, fonts or styles from outside), and the
 * headers forbid framing, sniffing, caching and sending the token on as a
 * referrer.
 */
import type { FastifyReply } from 'fastify';
import { escapeUTF8 } from 'entities';

export interface ConsentPage {
  title: string;
  text: string;
  /** A button that POSTs this form field back to the page's own URL. */
  button?: { label: string; field: string; value: string };
}

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}button{font:inherit;padding:.5rem 1.25rem;cursor:pointer}';

export const PAGE_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

export function renderConsentPage(page: ConsentPage): string {
  const button = page.button
    ? `<form method="post"><input type="hidden" name="${escapeUTF8(page.button.field)}" value="${escapeUTF8(page.button.value)}"><button type="submit">${escapeUTF8(page.button.label)}</button></form>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeUTF8(page.title)}</title><style>${STYLE}</style></head><body><h1>${escapeUTF8(page.title)}</h1><p>${escapeUTF8(page.text)}</p>${button}</body></html>`;
}

export function sendConsentPage(reply: FastifyReply, page: ConsentPage, status = 200): FastifyReply {
  return reply.status(status).headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(renderConsentPage(page));
}
