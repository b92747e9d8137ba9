/**
 * NUDGE002: every merge field in every text of every step must be in the
 * merge catalogue (standard fields, declared custom fields, owner, order).
 */
import { findMergeTokens, mergeCatalog, mergeName } from '../merge-fields';
import { eachStep, quote, type SequenceRule } from './context';
import { didYouMean } from './did-you-mean';
import { stepTexts } from './step-text';

const KNOWN_OBJECTS = ['Contact', 'Owner', 'Order', 'Account'];

export const checkMergeFields: SequenceRule = ({ ir, report }) => {
  const catalog = mergeCatalog(ir.customFields ?? {});
  const names = [...catalog.keys()];
  for (const { step, path } of eachStep(ir)) {
    for (const { what, text } of stepTexts(step)) {
      const seen = new Set<string>();
      for (const token of findMergeTokens(text)) {
        const name = mergeName(token);
        if (catalog.has(name) || seen.has(token.raw)) continue;
        seen.add(token.raw);
        const suggestion = didYouMean(name, names);
        const fallback = token.fallback !== undefined ? `|${token.fallback}` : '';
        const fix = suggestion ? `Did you mean ~${suggestion}${fallback}~?` : hint(token.object, token.field, names);
        report('NUDGE002', `Unknown merge field ${token.raw} in step ${quote(step.id)} (${what}). ${fix}`, { step, path });
      }
    }
  }
};

function hint(object: string, field: string, names: string[]): string {
  if (!KNOWN_OBJECTS.includes(object)) {
    return `Merge fields name one of ${KNOWN_OBJECTS.map((o) => `~${o}.…~`).join(', ')}, e.g. ~Contact.FirstName~.`;
  }
  if (object === 'Contact') {
    const custom = field.replace(/^_/, '');
    const camel = custom.charAt(0).toLowerCase() + custom.slice(1);
    return `Use a known contact field such as ~Contact.FirstName~, or declare the custom field with defineContact({ ${camel}: 'string' }).`;
  }
  const fields = names.filter((n) => n.startsWith(`${object}.`)).map((n) => `~${n}~`);
  return `Known ${object} fields: ${fields.join(', ')}.`;
}
