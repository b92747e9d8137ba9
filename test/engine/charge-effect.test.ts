/**
 * An autocharge is an effect (engine-rules: "Payment: a charge is an
 * effect"): the engine calls no gateway, it stops the contact's instant at
 * the order step and goes on with the answer the host feeds back.
 */
import { describe, expect, it } from 'vitest';
import { purchased, sequence, start, tagApplied } from 'nudge';
import { runContactInstant } from '../../runtime/engine/run-contact';
import { createWorld } from '../../runtime/engine/world';
import { utc } from './helpers';

const T = utc('2026-03-02T10:00:00Z');
const shop = sequence('shop', { name: 'Shop', paths: [start().createOrder({ items: [{ product: 'kit', price: 49 }, { product: 'mug', price: 0.5, quantity: 2 }], payment: 'autocharge' }).applyTag('Ordered')] });
const thanks = sequence('thanks', { name: 'Thanks', startOn: purchased('kit'), paths: [start().applyTag('Thanked')] });
// Sorts after `shop`: its work at the charging instant waits for the answer, as it would have waited for an inline charge.
const zeta = sequence('zeta', { name: 'Zeta', paths: [start().applyTag('Zeta')] });

describe('an autocharge is an effect the host answers', () => {
  const world = createWorld([shop, thanks, zeta]);
  const stopped = runContactInstant(world, { contact: { id: 'c1' }, enrollments: [] }, T, { enroll: ['shop', 'zeta'] });

  it('stops the instant at the order step: a chargeCard effect, the path waiting on it, no order yet', () => {
    expect(stopped.charge).toEqual({
      type: 'chargeCard', contactId: 'c1', sequenceId: 'shop', stepId: stopped.charge!.stepId, at: T,
      idempotencyKey: `shop:v1:c1:${stopped.charge!.stepId}:1.0`, orderId: `order:shop:v1:c1:${stopped.charge!.stepId}:1.0`, total: 50,
    });
    expect(stopped.trace).toEqual([]);
    expect(stopped.effects).toEqual([]);
    expect(stopped.nextWakeAt).toBeNull();
    const [shopping] = stopped.state.enrollments;
    expect(shopping.paths[0]).toMatchObject({ status: 'waiting', stepId: stopped.charge!.stepId, charge: { key: stopped.charge!.idempotencyKey, total: 50 } });
    expect(stopped.state.contact.tags ?? []).toEqual([]);
  });

  it('goes on with an approval: order paid, purchased goal, the rest of the path and of the instant', () => {
    const out = runContactInstant(world, stopped.state, T, { charges: [{ key: stopped.charge!.idempotencyKey, approved: true }] });
    expect(out.charge).toBeUndefined();
    expect(out.effects).toMatchObject([{ type: 'order', status: 'paid', total: 50, id: stopped.charge!.orderId }]);
    expect(out.trace.map((l) => `${l.sequence} ${l.step} ${l.status}`)).toEqual([
      `shop ${stopped.charge!.stepId} done`, 'shop tag-ordered done', 'thanks tag-thanked done', 'zeta tag-zeta done',
    ]);
    expect(out.state.enrollments.find((e) => e.sequenceId === 'shop')).toMatchObject({ status: 'completed' });
    expect(out.state.enrollments[0].paths[0].charge).toBeUndefined();
  });

  it("fails the step with the gateway's reason on a decline, and ignores an answer nobody waits for", () => {
    const out = runContactInstant(world, stopped.state, T, { charges: [{ key: 'other', approved: true }, { key: stopped.charge!.idempotencyKey, approved: false, reason: 'card expired' }] });
    expect(out.effects).toMatchObject([{ type: 'order', status: 'declined' }]);
    expect(out.trace[0]).toMatchObject({ sequence: 'shop', status: 'failed', reason: 'card expired' });
    expect(out.state.contact.tags).toEqual(['Ordered', 'Zeta']);
  });

  it('counts goal hops across the answers of one instant: a chain through charges still stops at the bound', () => {
    const buy = sequence('buy', { name: 'Buy', startOn: tagApplied('again'), paths: [start().removeTag('again').createOrder({ items: [{ product: 'kit', price: 1 }], payment: 'autocharge' })] });
    const rebuy = sequence('rebuy', { name: 'Rebuy', startOn: purchased('kit'), paths: [start().applyTag('again')] });
    const chain = createWorld([buy, rebuy]);
    let out = runContactInstant(chain, { contact: { id: 'c1' }, enrollments: [] }, T, { tagsApplied: ['again'] });
    const errors = [...out.errors];
    // Answered at once, like the dry run; bounded here so that an endless chain fails instead of hanging.
    for (let answers = 0; out.charge && answers < 500; answers++) {
      out = runContactInstant(chain, out.state, T, { charges: [{ key: out.charge.idempotencyKey, approved: true }] });
      errors.push(...out.errors);
    }
    expect(out.charge).toBeUndefined();
    expect(errors).toEqual([expect.stringMatching(/longer than 100 hops/)]);
  });
});
