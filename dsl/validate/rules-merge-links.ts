/**
 * NUDGE024: a link in an HTML email whose target starts with a merge field,
 * or has one in its scheme or host (`href="~Contact.Website~"`,
 * `href="https://~Contact.Shop~/"`): the contact's data, which may come from
 * a public form, would choose where the business's email sends people. At
 * run time a merged target that is not an http(s) address renders as
 * `about:invalid`, and a merged host part is percent-encoded; this rule
 * says so before anything is sent. `~Unsubscribe~` is no data: it is the
 * server's own link, meant to be the whole target.
 */
import { htmlSlots, looksLikeHtml } from '../html-slots';
import { UNSUBSCRIBE_MERGE, findMergeTokens, mergeName } from '../merge-fields';
import { eachStep, quote, type SequenceRule } from './context';

export const checkMergedLinks: SequenceRule = ({ ir, report }) => {
  for (const { step, path } of eachStep(ir)) {
    if (step.kind !== 'email' || typeof step.params.body !== 'string' || !looksLikeHtml(step.params.body)) continue;
    const body = step.params.body;
    const tokens = findMergeTokens(body);
    const slots = htmlSlots(body, tokens);
    const bad = tokens.find((t, i) => slots[i] === 'urlHost' || (slots[i] === 'urlStart' && mergeName(t) !== UNSUBSCRIBE_MERGE));
    if (!bad) continue;
    const where = slots[tokens.indexOf(bad)] === 'urlStart' ? 'starts with' : 'has in its scheme or host';
    report(
      'NUDGE024',
      `Email ${quote(step.id)} (body) has a link whose target ${where} the merge field ${bad.raw}, so the contact's data would choose where the link goes. Write the address yourself and merge only into its path or query, e.g. href="https://acme.test/offer?ref=~Contact.Id~".`,
      { step, path },
    );
  }
};
