/**
 * Email, fax and letter: rendered with merge fields into outbox items.
 * A contact without the needed address is skipped, with SEMANTICS' reasons;
 * so is a marketing email to an address that is not marketable.
 * Subjects and addresses are headers (merged values on one line, and no
 * address syntax in From and To); a body is
 * HTML or plain text as its author wrote it, and says which (`bodyFormat`),
 * so delivery never guesses from merged data.
 */
import { emailCategory } from '../../../dsl/ir';
import { emailStatusOf, isMarketable, notMarketableReason } from '../email-status';
import type { Contact } from '../model';
import { orderPublicId } from '../order-public-id';
import type { OutgoingMessage } from '../effects';
import { bodyFormat, renderMerge, type MergeContext } from '../merge';
import { DONE, idempotencyKey, resolveUser, type Executor, type StepRun } from './step-run';

function merge(run: StepRun, text: string, context: MergeContext = 'plain'): string {
  const owner = run.contact.ownerId ? run.world.users.get(run.contact.ownerId) : undefined;
  const o = run.enrollment.order;
  // Money as money: ~Order.Total~ is 24.50, not 24.5.
  // Customers read the public id; an enrollment stored before it existed gets it from the key.
  const order = o ? { id: o.publicId ?? orderPublicId(o.id), total: o.total.toFixed(2), products: o.products } : undefined;
  return renderMerge(text, { contact: run.contact, owner, order, account: run.world.account }, run.seq.catalog, context);
}

const body = (run: StepRun, text: string) => ({ body: merge(run, text, 'body'), bodyFormat: bodyFormat(text, run.seq.catalog) });

const hasText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export const email: Executor<'email'> = (run) => {
  const p = run.step.params;
  // Marketing email only to a marketable address: the same rule in the dry run and the runtime.
  if (p.to === 'contact' && !hasText(run.contact.email)) return { status: 'skipped', reason: 'no email address' };
  if (emailCategory(p) === 'marketing') {
    const status = emailStatusOf(run.contact);
    if (!isMarketable(status)) return { status: 'skipped', reason: notMarketableReason(status) };
  }
  let to: string[];
  if (p.to === 'contact') {
    to = [run.contact.email as string];
  } else if (p.to === 'owner') {
    const { user, reason } = resolveUser(run, 'owner');
    if (!user) return { status: 'skipped', reason: reason ?? 'no owner' };
    if (!hasText(user.email)) return { status: 'skipped', reason: 'owner has no email address' };
    to = [user.email];
  } else {
    to = p.to.map((addr) => merge(run, addr, 'address')).filter(hasText);
    if (to.length === 0) return { status: 'skipped', reason: 'no email address' };
  }
  const message: OutgoingMessage = {
    type: 'email', contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, idempotencyKey: idempotencyKey(run), to,
    subject: merge(run, p.subject, 'header'), ...body(run, p.body), category: emailCategory(p),
  };
  if (p.from) message.from = merge(run, p.from, 'address');
  run.emit(message);
  return DONE;
};

export const fax: Executor<'fax'> = (run) => {
  const p = run.step.params;
  if (!hasText(run.contact.fax)) return { status: 'skipped', reason: 'no fax number' };
  run.emit({
    type: 'fax', contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, idempotencyKey: idempotencyKey(run), to: [run.contact.fax],
    subject: merge(run, p.subject ?? '', 'header'), ...body(run, p.body),
  });
  return DONE;
};

/** The address block of a letter, or undefined when the contact has no usable postal address. */
export function postalAddress(contact: Contact): string[] | undefined {
  const a = contact.address;
  if (!a || !hasText(a.street) || !(hasText(a.city) || hasText(a.postalCode))) return undefined;
  const name = [contact.firstName, contact.lastName].filter(hasText).join(' ');
  const cityLine = [a.city, a.state, a.postalCode].filter(hasText).join(' ');
  return [name, a.street, cityLine, a.country ?? ''].filter(hasText);
}

export const letter: Executor<'letter'> = (run) => {
  const p = run.step.params;
  const address = postalAddress(run.contact);
  if (!address) return { status: 'skipped', reason: 'no postal address' };
  run.emit({
    type: 'letter', contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, idempotencyKey: idempotencyKey(run), to: [address[0] ?? run.contact.id],
    address, subject: merge(run, p.subject ?? '', 'header'), ...body(run, p.body),
  });
  return DONE;
};

export { merge as mergeForRun };
