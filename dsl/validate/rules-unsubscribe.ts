/**
 * What every marketing email must carry (CAN-SPAM, Gmail and Yahoo's bulk
 * sender rules): NUDGE029 a `~Unsubscribe~` link in its body, NUDGE030 the
 * business's postal address (`~Account.Address~`) in its body, and NUDGE031
 * an account whose postal address is configured (nudge.config.json
 * `account.address`), judged only when the caller knows the config.
 *
 * The address must be the merge field, not text typed into one email: the
 * rule can see the field, and one configured address keeps every email
 * right when the business moves.
 */
import { emailCategory } from '../ir';
import { ACCOUNT_ADDRESS_MERGE, UNSUBSCRIBE_MERGE, findMergeTokens, mergeName } from '../merge-fields';
import { eachStep, quote, type SequenceRule } from './context';

const hasField = (text: unknown, name: string) => typeof text === 'string' && findMergeTokens(text).some((t) => mergeName(t) === name);

export const checkUnsubscribe: SequenceRule = ({ ir, options, report }) => {
  let firstMarketing: Parameters<typeof report>[2] | undefined;
  for (const { step, path } of eachStep(ir)) {
    // A marketing email to staff is NUDGE026's error already: one message per mistake.
    if (step.kind !== 'email' || emailCategory(step.params) !== 'marketing' || step.params.to !== 'contact' || typeof step.params.body !== 'string' || step.params.body.trim() === '') continue;
    firstMarketing ??= { step, path };
    if (!hasField(step.params.body, UNSUBSCRIBE_MERGE)) {
      report('NUDGE029', `Marketing email ${quote(step.id)} has no unsubscribe link in its body. Add one, e.g. <a href="~Unsubscribe~">Unsubscribe</a> (or ~Unsubscribe~ in a plain-text body), or make it category: 'transactional' if it is not marketing.`, { step, path });
    }
    if (!hasField(step.params.body, ACCOUNT_ADDRESS_MERGE)) {
      report('NUDGE030', `Marketing email ${quote(step.id)} does not show the business's postal address. Add ~Account.Address~ to its body (the address comes from account.address in nudge.config.json).`, { step, path });
    }
  }
  if (firstMarketing && options.account !== undefined && !(options.account.address ?? '').trim()) {
    report('NUDGE031', `Sequence ${quote(ir.id)} sends marketing email, but no postal address of the business is configured. Add "account": { "name": "...", "address": "..." } to nudge.config.json (found upward from the sequence file).`, firstMarketing);
  }
};
