/**
 * The live host's autocharges: the charges its contacts wait on, kept in
 * the store (meta `pendingCharges`, committed with the unit of work that
 * asked or answered one, so a restart asks again), and the gateway calls
 * under way. A call runs outside the host's serial queue: a gateway that
 * takes seconds holds up no other contact, only the one waiting on it.
 */
import type { ChargeAnswer, ChargeCard } from '../../engine/effects';
import type { ContactStore } from '../../store/contact-store';
import { chargeAnswer, type PaymentGateway } from '../payment-gateway';

export const PENDING_CHARGES_META = 'pendingCharges';

export interface ChargeDeskDeps {
  store: ContactStore;
  gateway: PaymentGateway;
  /** Wait before asking a gateway again after it failed to answer. */
  retryMs: number;
  /** Feeds an answer back to the engine as a unit of work of the host. */
  applyAnswer(charge: ChargeCard, answer: ChargeAnswer): Promise<unknown>;
  /** Runs `fn` as a unit of work of the host (between the others). */
  serial(fn: () => Promise<void>): Promise<void>;
}

export class ChargeDesk {
  /** Gateway calls under way, by idempotency key: a charge is asked once at a time. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly deps: ChargeDeskDeps, private readonly pending: Record<string, ChargeCard>) {}

  static async loadPending(store: ContactStore): Promise<Record<string, ChargeCard>> {
    return (await store.getMeta<Record<string, ChargeCard>>(PENDING_CHARGES_META)) ?? {};
  }

  /**
   * A unit of work fed answers back and/or stopped at a new charge: the
   * pending charges to commit with it, or undefined when nothing changed.
   */
  note(answered: ChargeAnswer[] | undefined, asked: ChargeCard | undefined): Record<string, ChargeCard> | undefined {
    if (answered === undefined && asked === undefined) return undefined;
    for (const answer of answered ?? []) delete this.pending[answer.key];
    if (asked) this.pending[asked.idempotencyKey] = asked;
    return { ...this.pending };
  }

  /** Asks again every pending charge whose sequence the host runs (after a restart, once it is published). */
  askPending(runs: (sequenceId: string) => boolean): void {
    for (const charge of Object.values(this.pending)) if (runs(charge.sequenceId)) this.ask(charge);
  }

  /** Resolves when no gateway call is under way and every answer so far is applied. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  /**
   * Asks the gateway once the commit that made the charge pending is
   * durable, then applies its answer. A gateway that fails is asked again
   * later with the same idempotency key, so it charges the order once.
   */
  ask(charge: ChargeCard): void {
    const key = charge.idempotencyKey;
    if (this.inFlight.has(key)) return;
    const { store, gateway } = this.deps;
    const call = async (): Promise<void> => {
      await store.flush();
      const contact = (await store.getContacts([charge.contactId])).get(charge.contactId);
      if (!contact) { await this.deps.serial(() => this.forget(key)); return; }
      const result = await gateway.charge({ contact, orderId: charge.orderId, total: charge.total, idempotencyKey: key });
      await this.deps.applyAnswer(charge, chargeAnswer(charge, result));
    };
    this.inFlight.set(key, call().then(
      () => { this.inFlight.delete(key); },
      () => {
        this.inFlight.delete(key);
        setTimeout(() => { if (this.pending[key]) this.ask(charge); }, this.deps.retryMs).unref();
      },
    ));
  }

  /** A charge whose contact was deleted: nobody waits for it any more. */
  private async forget(key: string): Promise<void> {
    delete this.pending[key];
    await this.deps.store.commit({ meta: { [PENDING_CHARGES_META]: { ...this.pending } } });
  }
}
