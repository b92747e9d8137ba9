/**
 * A generated sequence file with `steps` steps on one path (timers, emails,
 * tags, notes, tasks, field values in turn), for the preview benchmark and
 * the tests that need a large canvas.
 */
export function longSequenceSource(steps: number): string {
  const lines = [
    "import { sequence, start, tagApplied } from 'nudge';",
    '',
    "const journey = start('Long journey')",
  ];
  for (let i = 0; i < steps; i++) {
    switch (i % 6) {
      case 0: lines.push(`  .delay('${(i % 5) + 1}d', { on: 'weekdays', at: '09:00', tz: 'contact' })`); break;
      case 1: lines.push(`  .email({ subject: 'Tip ${i} for ~Contact.FirstName|you~', body: 'Hello ~Contact.FirstName|there~, here is tip ${i}.' })`); break;
      case 2: lines.push(`  .applyTag('Tip-${i}')`); break;
      case 3: lines.push(`  .applyNote({ subject: 'Sent tip ${i}', body: 'Owner: ~Owner.FirstName|none~' })`); break;
      case 4: lines.push(`  .createTask({ title: 'Call about tip ${i}', due: '2d', priority: 'medium' })`); break;
      default: lines.push(`  .setField('leadSource', 'Tip ${i}')`);
    }
  }
  lines[lines.length - 1] += ';';
  lines.push(
    '',
    "export default sequence('long-journey', {",
    "  name: 'Long journey',",
    "  startOn: tagApplied('Long'),",
    '  paths: [journey],',
    '});',
    '',
  );
  return lines.join('\n');
}
