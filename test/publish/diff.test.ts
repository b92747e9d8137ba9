/**
 * diffSequences: per path, which step ids were removed, added, changed or
 * kept, with derived ids renamed by an edit paired as changes.
 */
import { describe, expect, it } from 'vitest';
import { sequence, start, tagApplied } from 'nudge';
import { diffSequences } from '../../runtime/publish/diff-sequences';
import { sameSequence } from '../../runtime/publish/canonical-ir';

const base = () => start()
  .email({ subject: 'Welcome', body: 'Hi.' })
  .delay('1d')
  .email({ subject: 'Tips', body: 'Grind finer.' })
  .delay('2d')
  .email({ subject: 'Offer', body: 'Ten percent off.' })
  .delay('1d', { id: 'cooldown' })
  .email({ subject: 'Bye', body: 'See you.' });

const v1 = sequence('nurture', { name: 'Nurture', startOn: tagApplied('Lead'), paths: [base(), start('Sales').applyTag('Hot')] });

describe('diffSequences', () => {
  it('lists removed, added, changed and kept step ids per path', () => {
    const v2 = sequence('nurture', {
      name: 'Nurture',
      startOn: tagApplied('Lead'),
      paths: [
        start()
          .email({ subject: 'Welcome', body: 'Hi.' })
          .applyTag('Warm')
          .delay('1d')
          .email({ subject: 'Tips', body: 'Grind coarser.' })
          .email({ subject: 'Offer', body: 'Ten percent off.' })
          .delay('3d', { id: 'cooldown' })
          .email({ subject: 'Bye', body: 'See you.' }),
        start('Sales').applyTag('Hot'),
      ],
    });
    const diff = diffSequences(v1, v2);
    expect(diff.stepsChanged).toBe(true);
    expect(diff.paths[0]).toMatchObject({
      index: 0,
      removed: ['wait-2d'],
      added: ['tag-warm'],
      changed: ['email-tips', 'cooldown'],
      kept: ['email-welcome', 'wait-1d', 'email-offer', 'email-bye'],
      renamed: [],
    });
    expect(diff.paths[1]).toMatchObject({ removed: [], added: [], changed: [], kept: ['tag-hot-sales'] });
  });

  it('pairs a derived id renamed by its own edit (delay 1d → 12h) as a changed step, not remove + add', () => {
    const v2 = sequence('nurture', {
      name: 'Nurture', startOn: tagApplied('Lead'),
      paths: [start()
        .email({ subject: 'Welcome', body: 'Hi.' })
        .delay('12h')
        .email({ subject: 'Tips', body: 'Grind finer.' })
        .delay('2d')
        .email({ subject: 'Offer', body: 'Ten percent off.' })
        .delay('1d', { id: 'cooldown' })
        .email({ subject: 'Bye', body: 'See you.' }), start('Sales').applyTag('Hot')],
    });
    const p = diffSequences(v1, v2).paths[0];
    expect(p.renamed).toEqual([{ from: 'wait-1d', to: 'wait-12h' }]);
    expect(p.changed).toEqual(['wait-1d']);
    expect(p.removed).toEqual([]);
    expect(p.added).toEqual([]);
  });

  it('never pairs explicit ids, nor steps of another kind or in another gap', () => {
    const v2 = sequence('nurture', {
      name: 'Nurture', startOn: tagApplied('Lead'),
      paths: [start()
        .email({ subject: 'Welcome', body: 'Hi.' })
        .delay('1d')
        .email({ subject: 'Tips', body: 'Grind finer.' })
        .applyNote({ subject: 'Was a delay' })
        .email({ subject: 'Offer', body: 'Ten percent off.' })
        .delay('1d', { id: 'rest' })
        .email({ subject: 'Bye', body: 'See you.' })
        .delay('5d'), start('Sales').applyTag('Hot')],
    });
    const p = diffSequences(v1, v2).paths[0];
    expect(p.renamed).toEqual([]);
    expect(p.removed).toEqual(['wait-2d', 'cooldown']);
    // wait-5d is a delay in another gap (after email-bye): not the 2-day wait renamed.
    expect(p.added).toEqual(['note-was-a-delay', 'rest', 'wait-5d']);
  });

  it('reports a removed and an added start path', () => {
    const one = sequence('nurture', { name: 'Nurture', startOn: tagApplied('Lead'), paths: [base()] });
    expect(diffSequences(v1, one).paths[1]).toMatchObject({ pathRemoved: true, removed: ['tag-hot-sales'] });
    expect(diffSequences(one, v1).paths[1]).toMatchObject({ pathAdded: true, added: ['tag-hot-sales'] });
  });

  it('ignores source positions: the same steps written elsewhere in the file are the same version', () => {
    const moved = JSON.parse(JSON.stringify(v1));
    moved.paths[0].steps[0].source = { file: 'x.seq.ts', line: 99, column: 1 };
    moved.source = { file: 'x.seq.ts', line: 120, column: 1 };
    expect(sameSequence(v1, moved)).toBe(true);
    expect(diffSequences(v1, moved).stepsChanged).toBe(false);
    expect(sameSequence(v1, { ...v1, name: 'Renamed' })).toBe(false);
  });
});
