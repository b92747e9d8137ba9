// One failure, one code: a bad account time zone reads the same in the CLI, the server's config and the extension's dry run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NudgeError } from '../../errors/nudge-error';
import { renderExtension } from '../../errors/render';
import { populationRequest, sourceOf } from '../../extension/dry-run/contacts-source';
import { runDryRun } from '../../extension/dry-run/run-dry-run';
import { readConfig } from '../../runtime/server/config';
import { nudge } from '../cli/run-nudge';
import { CONTACTS_FILE, DAY, leadWelcome, START } from '../extension/dry-run/fixtures';

const ZONE_LINE = /^error NUDGE_ERR_BAD_TIME_ZONE: .*"Mars\/Olympus" is not an IANA time zone; write one like America\/New_York\.$/;

describe('a time zone that is not an IANA zone', () => {
  it('is NUDGE_ERR_BAD_TIME_ZONE on the command line', () => {
    const r = nudge(['simulate', 'samples/lead-welcome.seq.ts', '--contacts', 'samples/contacts.json', '--tz', 'Mars/Olympus']);
    expect(r.stderr.trim()).toMatch(ZONE_LINE);
  });

  it('is NUDGE_ERR_BAD_TIME_ZONE in the server config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-zone-'));
    writeFileSync(join(dir, 'nudge.config.json'), JSON.stringify({ accountZone: 'Mars/Olympus' }));
    const err = (() => { try { readConfig(undefined, dir); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(NudgeError);
    expect(renderExtension(err as NudgeError)).toMatch(ZONE_LINE);
  });

  it('is NUDGE_ERR_BAD_TIME_ZONE in the extension dry run', async () => {
    const err = await runDryRun({
      title: 't', sequences: await leadWelcome(), population: populationRequest(sourceOf(CONTACTS_FILE), undefined),
      start: START, until: START + DAY, accountZone: 'Mars/Olympus',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NudgeError);
    expect(renderExtension(err as NudgeError)).toMatch(ZONE_LINE);
  });
});
