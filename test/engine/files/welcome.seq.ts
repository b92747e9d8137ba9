// Dry-run CLI fixture (test/engine/dry-run-output.test.ts): SEMANTICS §5.
import { note, sequence, start } from 'nudge';

export default sequence('welcome', {
  name: 'Welcome',
  notes: [note('Fixture for the dry-run output tests')],
  paths: [
    start()
      .email({ id: 'email-welcome', subject: 'Welcome ~Contact.FirstName|there~', body: 'Glad you are here. Unsubscribe: ~Unsubscribe~ ~Account.Address~' })
      .delay('3d', { id: 'wait-3d', on: 'weekdays', at: '08:00' })
      .email({ id: 'email-tips', subject: 'Three tips', body: 'Tip one... Unsubscribe: ~Unsubscribe~ ~Account.Address~' }),
    start()
      .delay('1d', { id: 'day1' })
      .waitUntil('2026-03-06', { id: 'passed' })
      .applyTag('Never', { id: 'tag-never' }),
    start()
      .waitUntil('2025-12-24', { id: 'xmas' })
      .applyTag('Xmas', { id: 'tag-xmas' }),
  ],
});

export const alpha = sequence('alpha', {
  name: 'Alpha',
  // No contact of the fixture has an owner: the task fails (a 'failed' line with its reason).
  paths: [start().applyTag('Alpha', { id: 'tag-alpha' }).createTask({ id: 'task-call', title: 'Call ~Contact.FirstName|them~' })],
});
