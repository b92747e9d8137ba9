// Dry-run CLI fixture: the three worked examples of SEMANTICS §2.1 (zone America/New_York).
import { sequence, start } from 'nudge';

// Enter Fri 2026-03-06 09:00: due Mon 03-09 09:00, earliest Mon 00:00 → fires Mon 03-09 08:00 EDT.
export const weekdays = sequence('ex1-weekdays', {
  name: 'Three weekdays at 08:00',
  paths: [start().delay('3d', { id: 'wait', on: 'weekdays', at: '08:00' }).applyTag('Ex1', { id: 'after' })],
});

// Enter Mon 2026-01-05 16:30: due 18:30 → fires Tue 01-06 09:00.
export const businessHours = sequence('ex2-business-hours', {
  name: 'Two hours, business hours',
  paths: [start().delay('2h', { id: 'wait', between: ['09:00', '17:00'] }).applyTag('Ex2', { id: 'after' })],
});

// Enter Sat 2026-03-07 02:30: due Sun 03-08 02:30, which does not exist → fires 03:30 EDT.
export const springGap = sequence('ex3-spring-gap', {
  name: 'One day over the spring-forward gap',
  paths: [start().delay('1d', { id: 'wait' }).applyTag('Ex3', { id: 'after' })],
});
