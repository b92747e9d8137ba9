/**
 * Type-level cases for the DSL, checked by types.test.ts with the TypeScript
 * compiler (and by `tsc -p .`). Each `@ts-expect-error` must really fail (an
 * unused one is itself an error); the text after `expect:` is a fragment of
 * the error message the case is about. Everything else must compile.
 */
import {
  apiGoal, defineContact, defineForm, event, formSubmitted, linkClicked, note, purchased, purchaseFailed, sequence, start, tagApplied,
  type DurationText, type PathBuilder, type SequenceIR,
} from 'nudge';

// ── Durations are template literals: '<n>m|h|d|w' ─────────────────────────
start().delay('2d');
start().delay('90m');
start().delay('12h');
start().delay('1w');
start().delay('0m');
const twoDays: DurationText = '2d';
start().delay(twoDays);
// @ts-expect-error words are not a duration. expect: '"2 days"'
start().delay('2 days');
// @ts-expect-error unknown unit. expect: '"2x"'
start().delay('2x');
// @ts-expect-error a bare number needs a unit. expect: '"2"'
start().delay('2');
// @ts-expect-error months are for field-timer offsets only. expect: '"1mo"'
start().delay('1mo');
// @ts-expect-error a number is not a duration text. expect: 'number'
start().delay(2);
// @ts-expect-error task due takes the same durations. expect: '"tomorrow"'
start().createTask({ title: 'Call', due: 'tomorrow' });
// @ts-expect-error an appointment lasts minutes or hours. expect: '"1d"'
start().createAppointment({ title: 'Workshop', length: '1d' });

// ── Times of day are 24-hour 'HH:MM'; weekdays are 'mon'…'sun' ────────────
start().delay('1d', { at: '09:00' });
start().delay('1d', { at: '23:59' });
start().delay('0m', { on: 'weekdays', between: ['09:00', '17:00'] });
start().delay('1d', { on: ['mon', 'wed', 'fri'], at: '08:30', tz: 'contact' });
start().delay('1d', { on: 'any', tz: 'Australia/Sydney' });
start().waitUntil('2026-12-24', { until: '2026-12-31', on: ['sat', 'sun'], between: ['10:00', '14:00'], tz: 'account' });
start().fieldTimer('birthday', { at: '07:45' });
start().createAppointment({ title: 'Demo', in: '2d', at: '14:00', length: '45m' });
// @ts-expect-error hours go up to 23. expect: '"25:00"'
start().delay('1d', { at: '25:00' });
// @ts-expect-error hours need two digits. expect: '"9:00"'
start().delay('1d', { at: '9:00' });
// @ts-expect-error no am/pm. expect: '"5pm"'
start().delay('0m', { between: ['09:00', '5pm'] });
// @ts-expect-error a window needs two times. expect: 'target requires 2'
start().delay('0m', { between: ['09:00'] });
// @ts-expect-error field timers check their time too. expect: '"7:45"'
start().fieldTimer('birthday', { at: '7:45' });
// @ts-expect-error appointments check their time too. expect: '"2pm"'
start().createAppointment({ title: 'Demo', at: '2pm' });
// @ts-expect-error weekday names are three letters. expect: '"monday"'
start().delay('1d', { on: ['monday'] });
// @ts-expect-error one day must still be a list. expect: '"mon"'
start().delay('1d', { on: 'mon' });
// @ts-expect-error there is no 'weekends' rule. expect: '"weekends"'
start().waitUntil('2026-12-24', { on: 'weekends' });

// ── 'at' and 'between' are exclusive ──────────────────────────────────────
// @ts-expect-error a delay takes at or between, not both. expect: 'not assignable to type 'undefined''
start().delay('1d', { at: '09:00', between: ['09:00', '17:00'] });
// @ts-expect-error so does a date timer. expect: 'not assignable to type 'undefined''
start().waitUntil('2026-12-24', { at: '09:00', between: ['09:00', '17:00'] });
// @ts-expect-error a field timer has no window at all. expect: 'between'
start().fieldTimer('birthday', { between: ['09:00', '17:00'] });

// ── Dates are 'YYYY-MM-DD' ────────────────────────────────────────────────
start().waitUntil('2027-01-04');
// @ts-expect-error day/month/year is not a date text. expect: '"24/12/2026"'
start().waitUntil('24/12/2026');
// @ts-expect-error the end of a range is a date too. expect: '"Christmas"'
start().waitUntil('2026-12-20', { until: 'Christmas' });

// ── Field timers take only date and date-time fields ──────────────────────
const contact = defineContact({ renewalDate: 'date', trialEndsAt: 'datetime', leadScore: 'number', vip: 'boolean', plan: 'string' });
start().fieldTimer('birthday', { offset: '-3d', occurrence: 'next', repeat: 'yearly', tz: 'contact' });
start().fieldTimer('anniversary', { offset: '1mo', occurrence: 'exact' });
start().fieldTimer('anniversary', { offset: '+2w' });
start().fieldTimer('birthday', { offset: '-1h', at: '09:00' });
contact.start().fieldTimer('trialEndsAt', { offset: '+2h', occurrence: 'exact' });
contact.start().fieldTimer('renewalDate', { offset: '-1mo', occurrence: 'exact', at: '10:00' });
contact.start().fieldTimer('trialEndsAt', { offset: '-2d' });
contact.start().fieldTimer('birthday');
// @ts-expect-error email is not a date field. expect: '"email"'
start().fieldTimer('email');
// @ts-expect-error a custom field must be declared with defineContact. expect: '"renewalDate"'
start().fieldTimer('renewalDate');
// @ts-expect-error a misspelt field. expect: '"birthdate"'
start().fieldTimer('birthdate');
// @ts-expect-error a declared number field is not a date. expect: '"leadScore"'
contact.start().fieldTimer('leadScore');
// @ts-expect-error offsets are h, d, w or mo (no minutes). expect: '"-1m"'
start().fieldTimer('birthday', { offset: '-1m' });
// @ts-expect-error offsets are compact text. expect: '"3 days before"'
start().fieldTimer('birthday', { offset: '3 days before' });
// @ts-expect-error occurrence is 'next' or 'exact'. expect: '"yearly"'
start().fieldTimer('birthday', { occurrence: 'yearly' });
// @ts-expect-error only yearly repeats exist. expect: '"monthly"'
start().fieldTimer('birthday', { repeat: 'monthly' });
// @ts-expect-error field timers have no day rule. expect: 'on'
start().fieldTimer('birthday', { on: 'weekdays' });

// ── setField checks the field and the value's type ────────────────────────
start().setField('leadSource', 'Webinar');
start().setField('company', null);
start().setField('birthday', '1990-02-28');
contact.start().setField('leadScore', 10);
contact.start().setField('vip', true);
contact.start().setField('plan', 'Annual');
contact.start().setField('renewalDate', '2027-12-01');
contact.start().setField('trialEndsAt', '2026-12-03T09:00:00-05:00');
contact.start().setField('leadScore', null);
// @ts-expect-error a number field rejects a string. expect: 'number'
contact.start().setField('leadScore', 'ten');
// @ts-expect-error a boolean field rejects a string. expect: 'boolean'
contact.start().setField('vip', 'yes');
// @ts-expect-error a date field takes 'YYYY-MM-DD'. expect: '"next year"'
contact.start().setField('renewalDate', 'next year');
// @ts-expect-error a date field rejects a number. expect: 'number'
contact.start().setField('renewalDate', 20271201);
// @ts-expect-error a string field rejects a number. expect: ''42''
start().setField('company', 42);
// @ts-expect-error an unknown field. expect: '"leadScore"'
start().setField('leadScore', 10);
// @ts-expect-error a misspelt standard field. expect: '"firstname"'
start().setField('firstname', 'Ann');
// @ts-expect-error the owner is set with assignOwner. expect: '"ownerId"'
start().setField('ownerId', 'u-ann');

// ── Goals ─────────────────────────────────────────────────────────────────
const allGoals = [
  tagApplied('Customer'), formSubmitted('newsletter'), purchased(), purchased('kit'), purchaseFailed(), purchaseFailed('kit'),
  linkClicked(), linkClicked('welcome'), linkClicked(undefined, 'https://acme.test'), apiGoal('converted'), event('webinar'),
];
sequence('goals', { name: 'Goals', startOn: allGoals, stopOn: tagApplied('Stop'), paths: [] });
sequence('inline-goal', { name: 'Inline', startOn: { kind: 'tagApplied', tag: 'Lead' }, paths: [] });
// @ts-expect-error a goal is built with a goal function, not a bare tag name. expect: 'Goal | readonly Goal[]'
sequence('bad-goal', { name: 'Bad', startOn: 'Customer', paths: [] });
// @ts-expect-error a misspelt goal kind. expect: '"tagAplied"'
sequence('bad-kind', { name: 'Bad', startOn: { kind: 'tagAplied', tag: 'Lead' }, paths: [] });
// @ts-expect-error a tag goal needs its tag. expect: 'tag'
sequence('no-tag', { name: 'Bad', stopOn: { kind: 'tagApplied' }, paths: [] });
// @ts-expect-error tag names are strings. expect: 'number'
tagApplied(42);
// @ts-expect-error one product, not a list. expect: 'string[]'
purchased(['kit', 'refill']);
// @ts-expect-error an API goal needs its name. expect: 'Expected 1 argument'
apiGoal();

// ── Option names and values ───────────────────────────────────────────────
sequence('options', {
  name: 'Options', startOn: formSubmitted('f'), stopOn: [purchased()], runsUntilComplete: true, reentry: 'never',
  notes: [note('A note'), 'A plain note'], paths: [start('Label').applyTag('A', { id: 'a', label: 'Tag A' })],
});
// @ts-expect-error a misspelt sequence option. expect: 'stopon'
sequence('typo', { name: 'Typo', stopon: purchased(), paths: [] });
// @ts-expect-error reentry is 'afterComplete' or 'never'. expect: '"always"'
sequence('reentry', { name: 'Reentry', reentry: 'always', paths: [] });
// @ts-expect-error runsUntilComplete is a boolean. expect: 'boolean'
sequence('ruc', { name: 'RUC', runsUntilComplete: 'yes', paths: [] });
// @ts-expect-error a sequence needs a name. expect: 'name'
sequence('nameless', { paths: [] });
// @ts-expect-error paths are start() chains. expect: 'PathBuilder'
sequence('bad-paths', { name: 'Bad', paths: [{ steps: [] }] });
// @ts-expect-error a misspelt timer option. expect: 'onn'
start().delay('1d', { onn: 'weekdays' });
// @ts-expect-error a misspelt email option. expect: 'subjct'
start().email({ subjct: 'Hi', body: 'Hello' });
// @ts-expect-error an email needs a body. expect: 'body'
start().email({ subject: 'Hi' });
// @ts-expect-error unknown payment mode. expect: '"cash"'
start().createOrder({ items: [{ product: 'kit' }], payment: 'cash' });
// @ts-expect-error an order item needs a product. expect: 'product'
start().createOrder({ items: [{ quantity: 2 }], payment: 'autocharge' });
// @ts-expect-error task priorities are low, medium, high. expect: '"urgent"'
start().createTask({ title: 'Call', priority: 'urgent' });
// @ts-expect-error an opportunity needs a stage. expect: 'stage'
start().createOpportunity({ title: 'Upsell' });
// @ts-expect-error round robin takes a list of users. expect: 'string[]'
start().assignOwner({ roundRobin: 'u-ann' });
// @ts-expect-error posted values are strings (merge fields allowed). expect: 'number'
start().httpPost({ url: 'https://x.test', fields: { points: 10 } });
// @ts-expect-error posts are form or json. expect: '"xml"'
start().httpPost({ url: 'https://x.test', fields: {}, format: 'xml' });
// @ts-expect-error tags are strings. expect: 'number'
start().applyTag(7);
// @ts-expect-error defineContact field types are the five known ones. expect: '"integer"'
defineContact({ score: 'integer' });

// ── Forms accept declared fields only; custom fields through contact.form ──
const limited = defineContact({ roast: { type: 'string', maxLength: 40 }, points: 'number' });
limited.start().setField('roast', 'Dark').setField('points', 3);
formSubmitted(defineForm('signup', { fields: { firstName: { maxLength: 100 }, lastName: true, address: true }, tags: ['News'], updatable: ['firstName'], doubleOptIn: true }));
formSubmitted(limited.form('roasts', { fields: { firstName: true, roast: { required: true } }, updatable: ['roast'] }));
// @ts-expect-error a misspelt form field. expect: 'fristName'
defineForm('signup', { fields: { fristName: true } });
// @ts-expect-error a custom field needs contact.form. expect: 'roast'
defineForm('signup', { fields: { roast: true } });
// @ts-expect-error updatable names a field the form accepts. expect: '"phone"'
defineForm('signup', { fields: { firstName: true }, updatable: ['phone'] });
// @ts-expect-error the owner is never form input. expect: 'ownerId'
defineForm('signup', { fields: { ownerId: true } });
// @ts-expect-error a maxLength is a number. expect: 'string'
limited.form('roasts', { fields: { roast: { maxLength: '40' } } });
// @ts-expect-error setField checks the declared type of a limited field. expect: 'number'
limited.start().setField('roast', 5);

// ── Options shared `as const`: readonly lists and tuples are accepted ─────
const hours = { between: ['09:00', '17:00'] } as const;
start().delay('0m', hours);
start().waitUntil('2026-12-24', hours);
const weekdayMornings = { on: ['mon', 'tue', 'wed'], at: '09:00', tz: 'contact' } as const;
start().delay('1d', weekdayMornings);
const staff = { to: ['sales@acme.test', 'ops@acme.test'], subject: 'New lead', body: '...' } as const;
start().email(staff);
start().assignOwner({ roundRobin: ['u-ann', 'u-bob'] } as const);
start().createOpportunity({ title: 'Deal', stage: 'New', products: ['kit', 'refill'] } as const);
start().createOrder({ items: [{ product: 'kit', quantity: 1 }], payment: 'autocharge' } as const);
const entryGoals = [tagApplied('Lead'), formSubmitted('signup')] as const;
const sharedPaths = [start().applyTag('A')] as const;
sequence('as-const', { name: 'As const', startOn: entryGoals, stopOn: [purchased()] as const, notes: ['n'] as const, paths: sharedPaths });
const badHours = { between: ['09:00', '5pm'] } as const;
// @ts-expect-error a shared window is still checked. expect: '"5pm"'
start().delay('0m', badHours);
const badDays = { on: ['mon', 'funday'] } as const;
// @ts-expect-error a shared day list is still checked. expect: '"funday"'
start().delay('1d', badDays);

// ── Positive cases: a whole realistic file must compile ───────────────────
const everything: PathBuilder<any> = contact.start('Everything')
  .delay('0m', { on: 'weekdays', between: ['09:00', '17:00'], id: 'business-hours', label: 'Business hours' })
  .waitUntil('2026-12-01', { at: '08:00', tz: 'contact' })
  .fieldTimer('renewalDate', { offset: '-1mo', occurrence: 'exact', at: '10:00', repeat: 'yearly' })
  .email({ to: ['sales@acme.test'], from: 'noreply@acme.test', subject: 'New lead ~Contact.FirstName~', body: '...' })
  .email({ to: 'sales@acme.test', subject: 'One address', body: '...' })
  .email({ to: 'owner', subject: 'For the owner', body: '...' })
  .fax({ subject: 'Quote', body: '...' })
  .letter({ body: '...' })
  .applyTag('Lead')
  .removeTag('Cold')
  .applyNote({ subject: 'Routed', body: '...', type: 'Other' })
  .createTask({ title: 'Call', description: '...', assignTo: 'u-ann', due: '1d', priority: 'high' })
  .createAppointment({ title: 'Demo', description: '...', assignTo: 'owner', in: '3d', at: '10:00', length: '1h', location: 'Zoom' })
  .setField('leadScore', 5)
  .assignOwner('u-ann')
  .assignOwner({ roundRobin: ['u-ann', 'u-bob'] })
  .createOpportunity({ title: 'Deal', stage: 'New', assignTo: 'u-bob', products: ['kit'], projectedRevenue: 500, notes: '...' })
  .addToFulfillmentList('Welcome kit')
  .createOrder({ items: [{ product: 'kit', quantity: 2, price: 10 }], payment: 'payableInvoice', promoCode: 'X' })
  .httpPost({ url: 'https://members.acme.test/hook', fields: { email: '~Contact.Email~' }, format: 'json' });
const ir: SequenceIR = sequence('everything', { name: 'Everything', paths: [everything, start().delay('1d')] });
const irVersion: 1 = ir.irVersion;
void irVersion;
