// Unknown option keys are refused when the file runs, not only by the type check.
import { describe, expect, it } from 'vitest';
import { sequence, start, tagApplied } from 'nudge';

const loose = <T>(o: T): any => o;

describe('unknown option keys', () => {
  it('a timer option typo names the closest option', () => {
    expect(() => start().delay('1d', loose({ att: '09:00' }))).toThrow("delay() has no option 'att'. Did you mean 'at'?");
    expect(() => start().fieldTimer('birthday', loose({ ofset: '-1d' }))).toThrow("fieldTimer() has no option 'ofset'. Did you mean 'offset'?");
  });

  it('a key with no near match lists the known ones', () => {
    expect(() => start().email(loose({ subject: 's', body: 'b', priority: 'high' }))).toThrow(/email\(\) has no option 'priority'\. Known options: id, label, subject, body/);
  });

  it('step metadata and sequence options are checked too', () => {
    expect(() => start().applyTag('X', loose({ lable: 'x' }))).toThrow("applyTag() has no option 'lable'. Did you mean 'label'?");
    expect(() => sequence('s', loose({ name: 'S', startOn: tagApplied('A'), stopon: tagApplied('B'), paths: [start().applyTag('X')] })))
      .toThrow("sequence('s') has no option 'stopon'. Did you mean 'stopOn'?");
  });

  it('known keys pass', () => {
    expect(() => start().delay('1d', { at: '09:00', on: 'weekdays', tz: 'contact', id: 'd', label: 'l' })).not.toThrow();
  });
});
