/** Small builders for store tests: plain records as the engine would commit them. */
import type { FulfillmentRecord, NoteRecord, OrderRecord, OutgoingMessage, TaskRecord } from '../../runtime/engine/effects';
import type { Enrollment } from '../../runtime/engine/model';
import type { OutboxItem } from '../../runtime/store/contact-store';

export const T0 = Date.UTC(2026, 2, 6, 14, 0);
export const MIN = 60_000;

const base = (contactId: string, at = T0) => ({ contactId, sequenceId: 'welcome', stepId: 's1', at });

export const note = (id: string, contactId: string, at = T0): NoteRecord => ({ ...base(contactId, at), type: 'note', id, subject: `note ${id}` });

export const task = (id: string, contactId: string, userId: string): TaskRecord => ({
  ...base(contactId),
  type: 'task',
  id,
  userId,
  title: `call ${contactId}`,
  dueAt: T0 + 86_400_000,
});

export const order = (id: string, contactId: string): OrderRecord => ({
  ...base(contactId),
  type: 'order',
  id,
  publicId: `ORD-${id}`,
  items: [{ product: 'beans', quantity: 2, price: 12.5 }],
  total: 25,
  payment: 'payableInvoice',
  status: 'invoiced',
  invoice: { id: `inv-${id}`, payable: true },
});

export const fulfillment = (list: string, contactId: string, at = T0): FulfillmentRecord => ({ ...base(contactId, at), type: 'fulfillment', list });

export const enrollment = (contactId: string, sequenceId = 'welcome', status: Enrollment['status'] = 'active'): Enrollment => ({
  sequenceId,
  sequenceVersion: 1,
  contactId,
  entry: 1,
  enteredAt: T0,
  status,
  paths: [{ pos: 1, stepId: 'wait', status: 'waiting', wakeAt: T0 + MIN, occurrence: 0 }],
});

export const email = (key: string, contactId: string, at = T0): OutgoingMessage => ({
  ...base(contactId, at),
  type: 'email',
  idempotencyKey: key,
  to: [`${contactId}@example.com`],
  subject: 'Hello',
  body: 'Hi there',
});

export const outboxItem = (key: string, contactId: string, extra: Partial<OutboxItem> = {}): OutboxItem => ({
  key,
  effect: email(key, contactId),
  status: 'pending',
  attempts: 0,
  ...extra,
});
