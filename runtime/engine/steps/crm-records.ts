/**
 * Process objects that create records: notes, tasks, appointments,
 * opportunities, fulfillment-list entries, orders, and HTTP Posts.
 */
import { addDuration, atLocalTime } from '../time';
import { orderPublicId } from '../order-public-id';
import { mergeForRun as merge } from './communications';
import type { ChargeAnswer } from '../effects';
import type { PendingCharge } from '../model';
import { AWAITING_CHARGE, DONE, idempotencyKey, recordId, resolveUser, type Executor, type StepOutcome, type StepRun } from './step-run';

const opt = <T>(v: T | undefined) => (v === undefined ? {} : v);

export const note: Executor<'note'> = (run) => {
  const p = run.step.params;
  run.emit({
    type: 'note', contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, id: recordId('note', run), subject: merge(run, p.subject),
    ...opt(p.body !== undefined ? { body: merge(run, p.body) } : undefined),
    ...opt(p.type !== undefined ? { noteType: p.type } : undefined),
  });
  return DONE;
};

export const task: Executor<'task'> = (run) => {
  const p = run.step.params;
  const { user, reason } = resolveUser(run, p.assignTo);
  if (!user) return { status: 'failed', reason: reason ?? 'no user' };
  run.emit({
    type: 'task', contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, id: recordId('task', run), userId: user.id, title: merge(run, p.title),
    ...opt(p.description !== undefined ? { description: merge(run, p.description) } : undefined),
    dueAt: addDuration(run.now, p.due, run.world.accountZone),
    ...opt(p.priority ? { priority: p.priority } : undefined),
  });
  return DONE;
};

export const appointment: Executor<'appointment'> = (run) => {
  const p = run.step.params;
  const { user, reason } = resolveUser(run, p.assignTo);
  if (!user) return { status: 'failed', reason: reason ?? 'no user' };
  const zone = run.world.accountZone;
  const day = addDuration(run.now, p.in, zone);
  const startsAt = p.at ? atLocalTime(day, p.at, zone) : day;
  run.emit({
    type: 'appointment', contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, id: recordId('appt', run), userId: user.id, title: merge(run, p.title),
    ...opt(p.description !== undefined ? { description: merge(run, p.description) } : undefined),
    startsAt, endsAt: addDuration(startsAt, p.length, zone),
    ...opt(p.location !== undefined ? { location: merge(run, p.location) } : undefined),
  });
  return DONE;
};

export const opportunity: Executor<'opportunity'> = (run) => {
  const p = run.step.params;
  const { user, reason } = resolveUser(run, p.assignTo);
  if (!user) return { status: 'failed', reason: reason ?? 'no user' };
  run.emit({
    type: 'opportunity', contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, id: recordId('opp', run), userId: user.id, title: merge(run, p.title),
    stage: p.stage, products: p.products ?? [],
    ...opt(p.projectedRevenue !== undefined ? { projectedRevenue: p.projectedRevenue } : undefined),
    ...opt(p.notes !== undefined ? { notes: merge(run, p.notes) } : undefined),
  });
  return DONE;
};

export const fulfillment: Executor<'fulfillment'> = (run) => {
  run.emit({ type: 'fulfillment', contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, list: run.step.params.list });
  return DONE;
};

function orderBase(run: StepRun<'order'>, id: string, total: number) {
  const p = run.step.params;
  return { type: 'order' as const, contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, id, publicId: orderPublicId(id), items: p.items, total, payment: p.payment, ...opt(p.promoCode ? { promoCode: p.promoCode } : undefined) };
}

/** Invoices are recorded at once; an autocharge waits for the host's gateway (`finishCharge`). */
export const order: Executor<'order'> = (run) => {
  const p = run.step.params;
  const id = recordId('order', run);
  const total = Math.round(p.items.reduce((sum, i) => sum + (i.price ?? 0) * i.quantity, 0) * 100) / 100;
  // Later steps of this enrollment merge ~Order.…~ fields from it.
  run.enrollment.order = { id, publicId: orderPublicId(id), total, products: p.items.map((i) => i.product) };
  if (p.payment === 'payableInvoice' || p.payment === 'invoiceNoPayment') {
    const payable = p.payment === 'payableInvoice';
    run.emit({ ...orderBase(run, id, total), status: payable ? 'invoiced' : 'invoicedNoPayment', invoice: { id: `invoice:${idempotencyKey(run)}`, payable } });
    return DONE;
  }
  run.awaitCharge(id, total);
  return AWAITING_CHARGE;
};

/** The end of an autocharged order step, on the gateway's answer: the order record, then its purchase goals. */
export function finishCharge(run: StepRun<'order'>, charge: PendingCharge, answer: ChargeAnswer): StepOutcome {
  const summary = { id: charge.orderId, publicId: orderPublicId(charge.orderId), total: charge.total, products: run.step.params.items.map((i) => i.product) };
  run.emit({ ...orderBase(run, charge.orderId, charge.total), status: answer.approved ? 'paid' : 'declined' });
  for (const item of run.step.params.items) {
    run.fireGoal(answer.approved ? { kind: 'purchased', product: item.product, order: summary } : { kind: 'purchaseFailed', product: item.product, order: summary });
  }
  return answer.approved ? DONE : { status: 'failed', reason: answer.reason };
}

export const httpPost: Executor<'httpPost'> = (run) => {
  const p = run.step.params;
  const fields = Object.fromEntries(Object.entries(p.fields).map(([k, v]) => [k, merge(run, v)]));
  run.emit({ type: 'httpPost', contactId: run.contact.id, sequenceId: run.seq.ir.id, stepId: run.step.id, at: run.now, idempotencyKey: idempotencyKey(run), url: p.url, fields, format: p.format });
  return DONE;
};
