import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SequenceLanguageService } from '../../../extension/language/sequence-language-service';
import { TypeCheckerClient } from '../../../extension/language/type-checker-client';

const sample = resolve(__dirname, '../../../samples/birthday.seq.ts');
const original = readFileSync(sample, 'utf8');

describe('SequenceLanguageService: TypeScript on unsaved text', () => {
  const service = new SequenceLanguageService();
  afterAll(() => service.dispose());

  it('finds no error in a sample, then the DSL type error an edit introduces, at its place, then none after the undo', () => {
    service.update(sample, original, 1);
    expect(service.diagnostics(sample)).toEqual([]);

    // fieldTimer accepts only date fields: the DSL's types reject a text field.
    const broken = original.replace("fieldTimer('birthday', { id: 'birthday-minus-3d'", "fieldTimer('leadSource', { id: 'birthday-minus-3d'");
    service.update(sample, broken, 2);
    const found = service.diagnostics(sample);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].code).toMatch(/^TS\d+$/);
    expect(broken.slice(found[0].start, found[0].start + found[0].length)).toContain('leadSource');

    service.update(sample, original, 3);
    expect(service.diagnostics(sample)).toEqual([]);
  });

  it('reports a syntax error of the unsaved text', () => {
    service.update(sample, `${original}\nconst = ;\n`, 4);
    expect(service.diagnostics(sample).some((d) => d.code.startsWith('TS1'))).toBe(true);
  });
});

describe('TypeCheckerClient: the same, in the built worker thread', () => {
  const client = new TypeCheckerClient(resolve(__dirname, '../../../dist/type-check-worker.js'));
  afterAll(() => client.dispose());

  it('answers each check with that text\'s diagnostics, in order', async () => {
    const broken = original.replace("repeat: 'yearly' })", "repeat: 'weekly' })");
    const [ok, bad] = await Promise.all([client.check(sample, original, 1), client.check(sample, broken, 2)]);
    expect(ok).toEqual([]);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0].message).toMatch(/weekly/);
  });

  it('refuses pending checks with a clear error once stopped', async () => {
    const other = new TypeCheckerClient(resolve(__dirname, '../../../dist/type-check-worker.js'));
    const pending = other.check(sample, original, 1);
    other.dispose();
    await expect(pending).rejects.toThrow(/stopped/);
  });
});
