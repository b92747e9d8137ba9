// @vitest-environment node
/**
 * `nudge init`: a project that checks and dry-runs as written, and never a
 * file overwritten.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../runtime/server/config';
import { packageNameOf } from '../../runtime/cli/init-command';
import { nudge } from './run-nudge';

const fresh = () => mkdtempSync(join(tmpdir(), 'nudge-init-'));
const FILES = [
  'package.json', 'tsconfig.json', 'sequences/welcome.seq.ts', 'sequences/contacts.json', 'sequences/users.json',
  'sequences/welcome.scenario.json', 'nudge.config.json', '.vscode/extensions.json', '.gitignore', '.github/workflows/nudge.yml',
];

describe('nudge init', () => {
  it('writes the project and prints the next three commands', () => {
    const dir = fresh();
    const r = nudge(['init', 'my-campaigns'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const project = join(dir, 'my-campaigns');
    expect(FILES.filter((f) => !existsSync(join(project, f)))).toEqual([]);
    expect(r.stdout).toMatch(/Next:\n {2}cd my-campaigns && npm install\n {2}npm run check .*\n {2}npm run simulate .*\n$/);

    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    const version = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version;
    expect(pkg.name).toBe('my-campaigns');
    expect(pkg.dependencies).toEqual({ nudge: `^${version}` });
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['check', 'render', 'simulate']));
    expect(JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')).include).toEqual(['sequences/**/*.ts']);
    expect(JSON.parse(readFileSync(join(project, '.vscode/extensions.json'), 'utf8')).recommendations).toEqual(['nudge.nudge']);
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toMatch(/^\.nudge\/$/m);
    const workflow = readFileSync(join(project, '.github/workflows/nudge.yml'), 'utf8');
    expect(workflow).toMatch(/run: npx nudge check sequences/);
    expect(workflow).toMatch(/run: npx nudge simulate sequences\/welcome\.seq\.ts --scenario/);
    // The config template is one `nudge serve` accepts, and holds no token.
    const { config } = readConfig(join(project, 'nudge.config.json'));
    expect(config.token).toBeUndefined();
    expect(config.accountZone).toBe('America/New_York');
  });

  it('makes a project that `nudge check` and `nudge simulate` accept as it is', () => {
    const dir = fresh();
    expect(nudge(['init'], { cwd: dir }).code).toBe(0);
    const check = nudge(['check', 'sequences'], { cwd: dir });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout + check.stderr).toMatch(/1 sequence\(s\) in 1 file\(s\): 0 error\(s\), 0 warning\(s\)/);
    const sim = nudge(['simulate', 'sequences/welcome.seq.ts', '--scenario', 'sequences/welcome.scenario.json', '--tz', 'America/New_York', '--json'], { cwd: dir });
    expect(sim.code, sim.stderr).toBe(0);
    const lines = sim.stdout.trim().split('\n').map((l) => JSON.parse(l));
    // Two sign-ups get the welcome email; the one who buys the next day never gets the tip.
    expect(lines.filter((l) => l.step === 'welcome-email' && l.status === 'done').map((l) => l.contact).sort()).toEqual(['c1', 'c2']);
    expect(lines.filter((l) => l.step === 'tag-engaged').map((l) => l.contact)).toEqual(['c1']);
  }, 120_000);

  it('skips and names the files that exist, and writes the rest', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'package.json'), '{ "name": "mine" }\n');
    mkdirSync(join(dir, 'sequences'));
    writeFileSync(join(dir, 'sequences/welcome.seq.ts'), '// my own\n');
    const r = nudge(['init'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/skipped {2}package\.json \(exists; left as it is\)/);
    expect(r.stdout).toMatch(/skipped {2}sequences\/welcome\.seq\.ts/);
    expect(r.stdout).toMatch(/add "nudge": "\^[\d.]+" to its dependencies/);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{ "name": "mine" }\n');
    expect(readFileSync(join(dir, 'sequences/welcome.seq.ts'), 'utf8')).toBe('// my own\n');
    expect(existsSync(join(dir, 'tsconfig.json'))).toBe(true);
  });

  it('refuses in one line when every file exists already', () => {
    const dir = fresh();
    expect(nudge(['init'], { cwd: dir }).code).toBe(0);
    const before = readFileSync(join(dir, 'sequences/welcome.seq.ts'), 'utf8');
    const again = nudge(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^error NUDGE_ERR_INIT_EXISTS: \. already holds every file nudge init writes \(package\.json, .*\); nothing was written\.\n$/);
    expect(readFileSync(join(dir, 'sequences/welcome.seq.ts'), 'utf8')).toBe(before);
  });

  it('refuses a folder argument that is a file', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const r = nudge(['init', 'notes.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error NUDGE_ERR_USAGE: notes\.txt is a file; .*\n$/);
  });

  it('names the package after its folder, as npm accepts', () => {
    expect(packageNameOf('/tmp/My Campaigns!')).toBe('my-campaigns');
    expect(packageNameOf('/tmp/.hidden')).toBe('hidden');
  });
});
