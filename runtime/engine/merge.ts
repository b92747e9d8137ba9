/**
 * Fills Keap-style merge fields in a text: `~Contact.FirstName|there~`.
 * Unknown names cannot reach here (the validator rejects them at check
 * time); an empty value takes the fallback after `|`, else renders empty.
 *
 * The author's text and fallbacks stay as written; each merged value is
 * escaped for where it lands (merge-escape.ts), decided once per template:
 * plain text as is, a header on one line, an HTML body per slot.
 */
import { htmlSlots, looksLikeHtml } from '../../dsl/html-slots';
import { findMergeTokens, mergeCatalog, mergeName } from '../../dsl/merge-fields';
import type { CustomFieldSchema } from '../../dsl/contact-schema';
import { escapeFor, type MergeSlot } from './merge-escape';
import type { Contact, User } from './model';

/**
 * What a text is: `plain` (a note, a letter or fax written as text, an HTTP
 * Post value), `header` (a subject: one line), `address` (From, To: one
 * line, no address syntax), or `body` (an email, letter or fax body: HTML
 * when the author wrote tags, else plain).
 */
export type MergeContext = 'plain' | 'header' | 'address' | 'body';

export interface MergeData {
  contact: Contact;
  owner?: User;
  order?: Record<string, unknown>;
  /** The business (nudge.config.json's `account`): `~Account.Name~`, `~Account.Address~`. */
  account?: AccountInfo;
}

/** The business that sends: CAN-SPAM wants its postal address in every marketing email. */
export interface AccountInfo {
  name?: string;
  address?: string;
}

/**
 * What `~Unsubscribe~` renders as. The engine knows neither the server's
 * address nor its keys, so it writes this placeholder and delivery replaces
 * it with `<publicUrl>/u/<sealed token>` when it sends (the dry run shows it
 * as it is). A scheme of its own: click tracking only rewrites http(s)
 * links, so the unsubscribe link is never tracked, and HTML escaping leaves
 * these letters alone. Merged data cannot forge it to any effect: delivery
 * fills in the link of the email's own contact.
 */
export const UNSUBSCRIBE_PLACEHOLDER = 'nudge:unsubscribe';

/** Slots where the placeholder stands as a whole link or as text; elsewhere it is escaped like data, so it stays inert. */
const LINK_SLOTS: ReadonlySet<MergeSlot> = new Set(['urlStart', 'text', 'attribute', 'unquotedAttribute', 'plain', 'header']);

export type MergeCatalog = Map<string, [string, string]>;

export function buildMergeCatalog(custom: CustomFieldSchema): MergeCatalog {
  return mergeCatalog(custom);
}

function lookup(data: MergeData, object: string, prop: string): unknown {
  if (object === 'contact') {
    const c = data.contact;
    if (Object.hasOwn(c, prop)) return c[prop];
    return c.address?.[prop as keyof NonNullable<Contact['address']>];
  }
  if (object === 'owner') return data.owner?.[prop as keyof User];
  if (object === 'order') return data.order?.[prop];
  if (object === 'account') return data.account?.[prop as keyof AccountInfo];
  return undefined;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * A text cut once into literal parts and merge fields, each field with its
 * escape (none for plain text): texts repeat for every contact, so the
 * HTML scan happens once and rendering stays a concatenation.
 */
interface Template {
  literals: string[];
  fields: Array<{ target?: [string, string]; fallback: string; escape?: (value: string) => string; literal?: string }>;
}

type Templates = Record<MergeContext, Map<string, Template>> & { formats: Map<string, 'html' | 'text'> };
const templates = new WeakMap<MergeCatalog, Templates>();

function slotsOf(text: string, context: MergeContext, tokens: ReturnType<typeof findMergeTokens>): MergeSlot[] {
  if (context === 'header' || context === 'address') return tokens.map(() => context);
  if (context === 'body' && looksLikeHtml(text)) return htmlSlots(text, tokens);
  return tokens.map(() => 'plain');
}

const newTemplates = (): Templates => ({ plain: new Map(), header: new Map(), address: new Map(), body: new Map(), formats: new Map() });

function compile(text: string, catalog: MergeCatalog, context: MergeContext): Template {
  let all = templates.get(catalog);
  if (!all) templates.set(catalog, (all = newTemplates()));
  const byText = all[context];
  let t = byText.get(text);
  if (t) return t;
  t = { literals: [], fields: [] };
  const tokens = findMergeTokens(text);
  const slots = slotsOf(text, context, tokens);
  let last = 0;
  tokens.forEach((token, i) => {
    t!.literals.push(text.slice(last, token.index));
    const target = catalog.get(mergeName(token));
    const escape = escapeFor(slots[i]);
    if (target?.[0] === 'link') {
      t!.fields.push({ fallback: '', literal: LINK_SLOTS.has(slots[i]) || !escape ? UNSUBSCRIBE_PLACEHOLDER : escape(UNSUBSCRIBE_PLACEHOLDER) });
    } else {
      t!.fields.push({ target, fallback: token.fallback ?? '', escape });
    }
    last = token.index + token.raw.length;
  });
  t.literals.push(text.slice(last));
  byText.set(text, t);
  return t;
}

export function renderMerge(text: string, data: MergeData, catalog: MergeCatalog, context: MergeContext = 'plain'): string {
  if (!text.includes('~')) return text;
  const t = compile(text, catalog, context);
  let out = t.literals[0];
  for (let i = 0; i < t.fields.length; i++) {
    const f = t.fields[i];
    if (f.literal !== undefined) {
      out += f.literal + t.literals[i + 1];
      continue;
    }
    const value = f.target ? asText(lookup(data, f.target[0], f.target[1])) : '';
    out += (value.trim() === '' ? f.fallback : f.escape ? f.escape(value) : value) + t.literals[i + 1];
  }
  return out;
}

/** Whether the author wrote a body as HTML: decided on the template, never on merged data. */
export function bodyFormat(template: string, catalog: MergeCatalog): 'html' | 'text' {
  let all = templates.get(catalog);
  if (!all) templates.set(catalog, (all = newTemplates()));
  let format = all.formats.get(template);
  if (format === undefined) {
    format = looksLikeHtml(template) ? 'html' : 'text';
    all.formats.set(template, format);
  }
  return format;
}
