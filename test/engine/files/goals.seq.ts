// Dry-run CLI fixture: sequences started by the goals of a --scenario file.
import { formSubmitted, purchased, sequence, start, tagApplied } from 'nudge';

export const newsletter = sequence('newsletter', {
  name: 'Newsletter',
  startOn: formSubmitted('newsletter'),
  paths: [start().email({ id: 'email-hi', subject: 'Hi ~Contact.FirstName|there~', body: 'Thanks for signing up. Unsubscribe: ~Unsubscribe~ ~Account.Address~' })],
});

export const onboarding = sequence('onboarding', {
  name: 'Onboarding',
  startOn: tagApplied('Customer'),
  paths: [start().applyTag('Onboarded', { id: 'tag-onboarded' }).delay('1d', { id: 'wait-1d' }).applyNote({ id: 'note-day1', subject: 'Day one' })],
});

export const thanks = sequence('thanks', {
  name: 'Thanks',
  startOn: purchased('starter-kit'),
  stopOn: tagApplied('Unsubscribed'),
  paths: [start().applyNote({ id: 'note-bought', subject: 'Bought the starter kit' })],
});
