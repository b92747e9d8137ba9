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

export function renderMerge(text: string, data: MergeData, catalog: MergeCatalog): string {
  if (!text.includes('~')) return text;
  let out = '';
  let last = 0;
  for (const token of findMergeTokens(text)) {
    const target = catalog.get(`${token.object}.${token.field}`);
    const value = target ? asText(lookup(data, target[0], target[1])) : '';
    out += text.slice(last, token.index) + (value.trim() === '' ? (token.fallback ?? '') : value);
    last = token.index + token.raw.length;
  }
  return out + text.slice(last);
}
