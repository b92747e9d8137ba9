/**
 * The outbox as the panel shows it: every outgoing item the run would
 * produce (nothing was sent), rendered as plain text. Emails may carry HTML
 * bodies; the panel shows text (set with textContent, never as markup), so
 * tags are turned into line breaks and links into "text (url)".
 */
import { isOutgoing, type Effect, type OutgoingEffect } from '../../runtime/engine/effects';
import type { OutboxItemView } from '../protocol';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Plain text of an email body; text bodies come back unchanged. */
export function htmlToText(body: string): string {
  if (!/<[a-z!/]/i.test(body)) return body;
  return decodeEntities(
    body
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<a\b[^>]*\bhref\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a\s*>/gi, (_m, _q, href: string, text: string) => `${text} (${href})`)
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6]|li|tr)\s*>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '• ')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function item(e: OutgoingEffect, local: string): OutboxItemView {
  const base = { at: e.at, local, contact: e.contactId, sequence: e.sequenceId, step: e.stepId, kind: e.type };
  switch (e.type) {
    case 'httpPost': {
      const body = e.format === 'json' ? JSON.stringify(e.fields, null, 2) : Object.entries(e.fields).map(([k, v]) => `${k}=${v}`).join('\n');
      return { ...base, title: `POST ${e.url} (${e.format})`, to: e.url, body };
    }
    case 'letter':
      return { ...base, title: e.subject || 'Letter', to: (e.address ?? []).join(', '), body: htmlToText(e.body) };
    case 'fax':
      return { ...base, title: e.subject || 'Fax', to: (e.address ?? e.to).join(', '), body: htmlToText(e.body) };
    default:
      return { ...base, title: e.subject, to: e.to.join(', '), body: htmlToText(e.body) };
  }
}

/** The outgoing effects as panel items, in run order, at most `limit` of them. */
export function outboxItems(effects: Effect[], localTime: (ms: number, contactId: string) => string, limit = Infinity): { items: OutboxItemView[]; total: number } {
  const outgoing = effects.filter(isOutgoing);
  return { items: outgoing.slice(0, limit).map((e) => item(e, localTime(e.at, e.contactId))), total: outgoing.length };
}
