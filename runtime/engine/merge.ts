/**
 * Fills Keap-style merge fields in a text: `~Contact.FirstName|there~`.
 * Unknown names cannot reach here (the validator rejects them at check
 * time); an empty value takes the fallback after `|`, else renders empty.
 */
import { findMergeTokens, mergeCatalog } from '../../dsl/merge-fields';
import type { CustomFieldSchema } from '../../dsl/contact-schema';
import type { Contact, User } from './model';

export interface MergeData {
  contact: Contact;
  owner?: User;
  order?: Record<string, unknown>;
}

export type MergeCatalog = Map<string, [string, string]>;

export function buildMergeCatalog(custom: CustomFieldSchema): MergeCatalog {
  return mergeCatalog(custom);
}

function lookup(data: MergeData, object: string, prop: string): unknown {
  if (object === 'contact') {
    const c = data.contact;
    if (prop in c) return c[prop];
    return c.address?.[prop as keyof NonNullable<Contact['address']>];
  }
  if (object === 'owner') return data.owner?.[prop as keyof User];
  if (object === 'order') return data.order?.[prop];
  return undefined;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** A text cut once into literal parts and merge fields: texts repeat for every contact. */
interface Template {
  literals: string[];
  fields: Array<{ target?: [string, string]; fallback: string }>;
}

const templates = new WeakMap<MergeCatalog, Map<string, Template>>();

function compile(text: string, catalog: MergeCatalog): Template {
  let byText = templates.get(catalog);
  if (!byText) templates.set(catalog, (byText = new Map()));
  let t = byText.get(text);
  if (t) return t;
  t = { literals: [], fields: [] };
  let last = 0;
  for (const token of findMergeTokens(text)) {
    t.literals.push(text.slice(last, token.index));
    t.fields.push({ target: catalog.get(`${token.object}.${token.field}`), fallback: token.fallback ?? '' });
    last = token.index + token.raw.length;
  }
  t.literals.push(text.slice(last));
  byText.set(text, t);
  return t;
}

export function renderMerge(text: string, data: MergeData, catalog: MergeCatalog): string {
  if (!text.includes('~')) return text;
  const t = compile(text, catalog);
  let out = t.literals[0];
  for (let i = 0; i < t.fields.length; i++) {
    const f = t.fields[i];
    const value = f.target ? asText(lookup(data, f.target[0], f.target[1])) : '';
    out += (value.trim() === '' ? f.fallback : value) + t.literals[i + 1];
  }
  return out;
}
