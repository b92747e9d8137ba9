// @vitest-environment node
/** What each step kind says on the canvas: the sequence in showcase.ts uses every one. */
import { beforeAll, describe, expect, it } from 'vitest';
import { STEP_KINDS } from '../../dsl/ir';
import { toMermaid, type MermaidDiagram } from '../../dsl/mermaid';
import { labelOfStep } from './diagram-helpers';
import { everything } from './showcase';

let d: MermaidDiagram;
beforeAll(() => {
  d = toMermaid(everything);
});

const labels = (kind: string) => Object.values(d.nodes).filter((n) => n.kind === kind).map((n) => n.label);

describe('labels say what each step does', () => {
  it('covers every step kind of the IR', () => {
    const kinds = new Set(Object.values(d.nodes).filter((n) => n.stepId !== undefined).map((n) => n.kind));
    expect(kinds).toEqual(new Set(STEP_KINDS));
  });

  it('delay timers: duration, then the allowed slot and zone', () => {
    expect(labels('delay')).toEqual([
      "Wait 2 days → weekdays at 09:00 (contact's zone)",
      'Wait 2 hours → between 09:00–17:00',
      'Wait for weekdays between 09:00–17:00',
      'Wait 90 minutes',
      'Wait 1 week → Mon, Wed (Europe/Paris)',
    ]);
  });

  it('date timers: the date or range, then the slot', () => {
    expect(labels('date')).toEqual([
      'Wait until 2026-12-24',
      "Wait until 2026-11-27 to 2026-11-30, at 08:00 (contact's zone)",
    ]);
  });

  it('field timers: offset and field in words, time of day, yearly repeat', () => {
    expect(labels('field')).toEqual([
      '3 days before Birthday, at 09:00, every year',
      'On Renewal date (year from field)',
      "1 month after Anniversary (contact's zone)",
    ]);
  });

  it('communications: recipient and subject (or the start of the body)', () => {
    expect(labels('email')).toEqual([
      'Email: "Welcome, ~Contact.FirstName~"',
      'Email to owner: "New lead: ~Contact.Email~"',
      'Email to sales@acme.test, ops@acme.test: "Heads up"',
      'Email: (no subject)',
    ]);
    expect(labels('fax')).toEqual(['Fax: "Your quote"']);
    expect(labels('letter')).toEqual(['Letter: "Dear ~Contact.FirstName~, thank you."']);
  });

  it('process objects', () => {
    expect(labels('applyTag')).toEqual(['Apply tag: Customer', 'Mark as customer 🎉']);
    expect(labels('removeTag')).toEqual(['Remove tag: Prospect']);
    expect(labels('note')).toEqual(['Note (Other): "Became a customer"']);
    expect(labels('task')).toEqual([
      'Task for owner: "Welcome call" (due in 1 day)',
      'Task for u-ann: "Urgent call" (due now, high priority)',
    ]);
    expect(labels('appointment')).toEqual(['Appointment for owner: "Onboarding" (in 2 days at 10:00, 45 minutes)']);
    expect(labels('setField')).toEqual([
      'Set field: Lead source = "Webinar"',
      'Set field: Lead score = 10',
      'Set field: Vip = true',
      'Clear field: Company',
    ]);
    expect(labels('assignOwner')).toEqual(['Assign owner: u-ann', 'Assign owner: round robin u-ann, u-bob']);
    expect(labels('opportunity')).toEqual(['Opportunity for owner: "Upsell" (Qualified)']);
    expect(labels('fulfillment')).toEqual(['Fulfillment list: Welcome kit']);
    expect(labels('order')).toEqual([
      'Order (autocharge): 2 items',
      'Order (payable invoice, promo SPRING): 3 × refill-pack',
      'Order (invoice, no payment): starter-kit',
    ]);
    expect(labels('httpPost')).toEqual(['HTTP Post: members.acme.test/hook', 'HTTP Post (JSON): crm.acme.test/api']);
  });

  it("uses the step's own label instead of the generated text", () => {
    expect(labelOfStep(d, 'labelled')).toBe('Mark as customer 🎉');
  });
});
