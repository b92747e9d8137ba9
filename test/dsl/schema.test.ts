/**
 * The JSON Schema of the IR (dsl/ir.schema.json) against the IR the DSL
 * really produces: every sample round-trips through JSON unchanged and
 * validates; malformed IR is rejected with a useful error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { basename } from 'node:path';
import schema from '../../dsl/ir.schema.json';
import { STEP_KINDS, type SequenceIR } from '../../dsl/ir';
import { sequence, start, tagApplied, unsubscribed } from 'nudge';
import { loadSample, sampleFiles } from './sample-files';

let validate: ValidateFunction;

beforeAll(() => {
  // strict: the schema itself must not rely on anything ajv would have to guess.
  validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
});

const errorsOf = (value: unknown): ErrorObject[] => (validate(value) ? [] : validate.errors ?? []);
const clone = <T>(v: T): T => structuredClone(v);

function minimal(): SequenceIR {
  return sequence('minimal', {
    name: 'Minimal',
    startOn: tagApplied('Lead'),
    paths: [start().delay('2d', { at: '09:00' }).email({ subject: 'Hi', body: 'Hello' })],
  });
}

describe('every sample sequence', () => {
  it('there are samples to check', () => {
    expect(sampleFiles().length).toBeGreaterThanOrEqual(4);
  });

  for (const file of sampleFiles()) {
    it(`${basename(file)}: round-trips through JSON and validates against the schema`, async () => {
      const loaded = await loadSample(file);
      expect(loaded.length).toBeGreaterThan(0);
      for (const { exportName, ir } of loaded) {
        expect(JSON.parse(JSON.stringify(ir)), exportName).toEqual(ir);
        expect(errorsOf(ir), `${exportName}: ${JSON.stringify(validate.errors, null, 1)}`).toEqual([]);
      }
    });
  }
});

describe('email category and the unsubscribed() goal', () => {
  it('are plain IR that validates; an unknown category does not', () => {
    const ir = sequence('news', {
      name: 'News', startOn: tagApplied('Lead'), stopOn: unsubscribed(),
      paths: [start().email({ subject: 'Receipt', body: 'Paid', category: 'transactional' }).email({ subject: 'News', body: 'Hi' })],
    });
    expect(ir.stopOn).toEqual([{ kind: 'unsubscribed' }]);
    const [receipt, news] = ir.paths[0].steps;
    expect(receipt.params).toMatchObject({ to: 'contact', category: 'transactional' });
    expect('category' in news.params).toBe(false); // the default is not written: older IR reads the same
    expect(errorsOf(ir)).toEqual([]);
    const bad = clone(ir);
    (bad.paths[0].steps[0].params as { category: string }).category = 'promo';
    expect(errorsOf(bad).length).toBeGreaterThan(0);
  });
});

describe('the schema and the IR types stay in step', () => {
  it('has one step variant per StepKind', () => {
    const variants = (schema.$defs.Step.oneOf as Array<{ $ref: string }>).map((v) => v.$ref);
    const kinds = variants.map((ref) => (schema.$defs as Record<string, any>)[ref.replace('#/$defs/', '')].properties.kind.const);
    expect([...kinds].sort()).toEqual([...STEP_KINDS].sort());
  });

  it('has one goal variant per goal kind', () => {
    const kinds = (schema.$defs.Goal.oneOf as Array<{ properties: { kind: { const: string } } }>).map((g) => g.properties.kind.const);
    expect(kinds.sort()).toEqual(['apiGoal', 'event', 'formSubmitted', 'linkClicked', 'purchaseFailed', 'purchased', 'tagApplied', 'unsubscribed']);
  });

  it('accepts IR built directly by the DSL', () => {
    expect(errorsOf(minimal())).toEqual([]);
  });
});

describe('malformed IR is rejected', () => {
  it('rejects a step with an unknown kind', () => {
    const ir = clone(minimal()) as any;
    ir.paths[0].steps[1].kind = 'sms';
    expect(errorsOf(ir).length).toBeGreaterThan(0);
  });

  it('rejects a step with a missing param', () => {
    const ir = clone(minimal()) as any;
    delete ir.paths[0].steps[0].params.duration;
    expect(errorsOf(ir)).toContainEqual(expect.objectContaining({
      instancePath: '/paths/0/steps/0/params', keyword: 'required', params: { missingProperty: 'duration' },
    }));
  });

  it('rejects a step whose params belong to another kind', () => {
    const ir = clone(minimal()) as any;
    ir.paths[0].steps[1].kind = 'fax';
    expect(errorsOf(ir).length).toBeGreaterThan(0);
  });

  it('rejects a wrong irVersion', () => {
    const ir = clone(minimal()) as any;
    ir.irVersion = 2;
    expect(errorsOf(ir)).toContainEqual(expect.objectContaining({ instancePath: '/irVersion', keyword: 'const' }));
    delete ir.irVersion;
    expect(errorsOf(ir)).toContainEqual(expect.objectContaining({ keyword: 'required', params: { missingProperty: 'irVersion' } }));
  });

  it('rejects unknown properties on closed types', () => {
    const ir = clone(minimal()) as any;
    ir.paths[0].steps[0].params.when = 'soon';
    expect(errorsOf(ir).length).toBeGreaterThan(0);
    const top = clone(minimal()) as any;
    top.stopWhen = [];
    expect(errorsOf(top)).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'stopWhen' } }));
  });

  it('rejects malformed values: duration unit, clock time, weekday, at with between, goal kind, field type', () => {
    const cases: Array<(ir: any) => void> = [
      (ir) => { ir.paths[0].steps[0].params.duration.unit = 'days'; },
      (ir) => { ir.paths[0].steps[0].params.duration.amount = 1.5; },
      (ir) => { ir.paths[0].steps[0].params.at = '9:00'; },
      (ir) => { ir.paths[0].steps[0].params.on = ['monday']; },
      (ir) => { ir.paths[0].steps[0].params.between = ['09:00', '17:00']; },
      (ir) => { ir.startOn[0] = { kind: 'tagApplied' }; },
      (ir) => { ir.startOn[0] = { kind: 'leadScore', score: 10 }; },
      (ir) => { ir.customFields = { score: 'integer' }; },
      (ir) => { ir.reentry = 'always'; },
      (ir) => { ir.paths[0].steps[0].source = { file: 'x.seq.ts', line: 0, column: 1 }; },
    ];
    for (const mutate of cases) {
      const ir = clone(minimal()) as any;
      mutate(ir);
      expect(validate(ir), mutate.toString()).toBe(false);
    }
  });
});
