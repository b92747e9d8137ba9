// Dry-run CLI fixture: a timer in each contact's own zone (tz: 'contact').
import { sequence, start } from 'nudge';

export default sequence('zones', {
  name: 'Contact zones',
  paths: [start().delay('1d', { id: 'wait', at: '09:00', tz: 'contact' }).delay('1d', { id: 'wait-again', at: '09:00', tz: 'contact' })],
});
