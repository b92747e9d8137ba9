/**
 * Source positions: every step, path, note and sequence records where it
 * was written (1-based line and column of its method call), so diagnostics
 * and the canvas can point at the code. Under vitest the stack names this
 * file directly; under the loader the bundle's source map is applied.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { note, sequence, start } from 'nudge';
import type { SequenceIR, SourcePos, StepKind } from '../../dsl/ir';
import { loadSample, sampleFiles } from './sample-files';

const METHOD: Record<StepKind, string> = {
  delay: 'delay', date: 'waitUntil', field: 'fieldTimer', email: 'email', fax: 'fax', letter: 'letter',
  applyTag: 'applyTag', removeTag: 'removeTag', note: 'applyNote', task: 'createTask', appointment: 'createAppointment',
  setField: 'setField', assignOwner: 'assignOwner', opportunity: 'createOpportunity', fulfillment: 'addToFulfillmentList',
  order: 'createOrder', httpPost: 'httpPost',
};

/** The text of the file from a position on. */
function textAt(pos: SourcePos | undefined): string {
  expect(pos).toBeDefined();
  const lines = readFileSync(pos!.file, 'utf8').split('\n');
  return lines[pos!.line - 1].slice(pos!.column - 1);
}

/** Checks that every position of an IR points at the call that made it. */
function expectPositionsAtCalls(ir: SequenceIR, file: string): number {
  let checked = 0;
  expect(ir.source?.file).toBe(file);
  expect(textAt(ir.source)).toMatch(/^sequence\(/);
  for (const p of ir.paths) {
    expect(p.source?.file).toBe(file);
    expect(textAt(p.source), `path ${p.index}`).toMatch(/^start\(/);
    for (const s of p.steps) {
      expect(s.source?.file, s.id).toBe(file);
      expect(textAt(s.source), `${ir.id}/${s.id}`).toMatch(new RegExp(`^${METHOD[s.kind]}\\(`));
      checked += 1;
    }
  }
  for (const n of ir.notes) expect(textAt(n.source), n.id).toMatch(/^(note|sequence)\(/);
  return checked;
}

describe('source positions when the DSL is called directly', () => {
  it('point at the method call of each step, path, note and sequence', () => {
    const path = start('Direct')
      .delay('2d', { at: '09:00' })
      .email({ subject: 'Hello', body: 'Hi' }).applyTag('Two-on-a-line')
      .fieldTimer('birthday');
    const ir = sequence('direct', { name: 'Direct', notes: [note('A note'), 'A string note'], paths: [path] });

    expect(expectPositionsAtCalls(ir, __filename)).toBe(4);
    const lines = readFileSync(__filename, 'utf8').split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const [delay, email, tag, field] = ir.paths[0].steps;
    expect(delay.source).toEqual({ file: __filename, line: lineOf(".delay('2d', { at: '09:00' })"), column: 8 });
    expect(email.source?.line).toBe(tag.source?.line);
    expect(tag.source!.column).toBeGreaterThan(email.source!.column);
    expect(field.source?.line).toBe(lineOf(".fieldTimer('birthday');"));
    expect(ir.paths[0].source?.line).toBe(lineOf("const path = start('Direct')"));
  });

  it('follow a builder made in a helper to the call inside the helper', () => {
    const welcome = () => start().email({ subject: 'From a helper', body: 'Hi' });
    const ir = sequence('helper', { name: 'Helper', paths: [welcome(), welcome().applyTag('After')] });
    const [first] = ir.paths[0].steps;
    const [again, after] = ir.paths[1].steps;
    expect(first.source).toEqual(again.source);
    expect(textAt(first.source)).toMatch(/^email\(\{ subject: 'From a helper'/);
    expect(textAt(after.source)).toMatch(/^applyTag\('After'\)/);
  });
});

describe('source positions through the loader (source-mapped bundle)', () => {
  for (const file of sampleFiles()) {
    it(`${basename(file)}: every step points at its method call`, async () => {
      const loaded = await loadSample(file);
      let checked = 0;
      for (const { ir } of loaded) checked += expectPositionsAtCalls(ir, file);
      expect(checked).toBeGreaterThan(3);
    });
  }
});
