/**
 * The `nudge` command line. Failures of the error table (bad arguments, a
 * sequence file that does not load, an unusable store or config) print their
 * one line without a stack trace and exit with the table's code: 0 fine,
 * 1 the sequences or the run failed, 2 wrong usage or input.
 */
import { Command, CommanderError } from 'commander';
import { checkCommand } from './check-command';
import { renderCommand } from './render-command';
import { simulateCommand } from './simulate-command';
import { publishCommand } from './publish-command';
import { serveCommand } from './serve-command';
import { initCommand } from './init-command';
import { NudgeError } from '../../errors/nudge-error';
import { renderCli } from '../../errors/render';
import { displayPath } from './files';

const program = new Command()
  .name('nudge')
  .description('Campaign sequences as code: check, render, simulate and run Keap-style sequences.')
  .version(require('../../package.json').version)
  .exitOverride()
  .showHelpAfterError('(run `nudge --help` for usage)');

program
  .command('init')
  .description('Start a project: package.json, tsconfig, a sample sequence with contacts and a scenario, editor and CI files (never overwrites)')
  .argument('[folder]', 'where to write it (default: the current folder)')
  .action((folder: string | undefined) => { process.exitCode = initCommand(folder, require('../../package.json').version); });

program
  .command('check')
  .description('Type-check and validate sequence files; prints file:line:col severity code message')
  .argument('<files...>', '.seq.ts files or folders holding them')
  .option('--json', 'print the diagnostics as JSON')
  .option('--no-typecheck', "skip TypeScript's type check (Nudge's own rules only)")
  .option('--tz <zone>', 'account time zone (IANA name)', 'UTC')
  .action(async (files: string[], opts) => { process.exitCode = await checkCommand(files, opts); });

program
  .command('render')
  .description('Print the Mermaid canvas of the sequences in a file')
  .argument('<file>', 'a .seq.ts file')
  .option('-o, --out <file>', 'write to a file instead of stdout')
  .option('--markdown', 'wrap in a ```mermaid fenced block (GitHub, VS Code Markdown preview)')
  .option('--no-check', "render even when Nudge's rules report errors")
  .option('--typecheck', "also run TypeScript's type check before rendering")
  .option('--tz <zone>', 'account time zone (IANA name) for the rules', 'UTC')
  .action(async (file: string, opts) => { process.exitCode = await renderCommand(file, opts); });

program
  .command('simulate')
  .description('Dry run: enroll contacts and print when each would get each step (nothing is sent)')
  .argument('<file>', 'a .seq.ts file')
  .option('--contacts <file>', 'contacts.json: an array of contact records')
  .option('--users <file>', 'users.json: staff users (owners, task assignees)')
  .option('--scenario <file>', 'a timed script of goals and events, with its own contacts and users')
  .option('--store <file>', 'simulate on a copy of a lowdb store (never modified)')
  .option('--start <iso>', 'when every contact enters (default: now)')
  .option('--days <n>', 'horizon in days (default 30)')
  .option('--until <iso>', 'horizon as an instant')
  .option('--tz <zone>', 'account time zone (IANA name)', 'UTC')
  .option('--json', 'one JSON object per line, per step, in execution order')
  .option('--no-check', "simulate even when Nudge's rules report errors")
  .option('--typecheck', "also run TypeScript's type check before simulating")
  .action(async (file: string, opts) => { process.exitCode = await simulateCommand(file, opts); });

program
  .command('serve')
  .description('Run the sequences for real: the HTTP API on 127.0.0.1, the lowdb store, the scheduler')
  .option('--dir <folder>', 'folder of .seq.ts files to publish (default .)')
  .option('--store <file>', 'lowdb store file (default .nudge/store.json)')
  .option('--clock <kind>', 'wall or simulated (time moves only through POST /clock/advance)', 'wall')
  .option('--start <iso>', 'simulated clock: the instant it starts at')
  .option('--host <address>', 'address to listen on (default 127.0.0.1)')
  .option('--port <n>', 'port (default 4400; 0 picks a free one)')
  .option('--config <file>', 'config file (default nudge.config.json if present)')
  .option('--log-format <format>', 'pretty or json log lines (default: pretty on a terminal, JSON otherwise; or NUDGE_LOG_FORMAT)')
  .option('--accept-journal-loss', 'open a store whose journal is damaged by giving up the changes from the damage on (a copy of the journal is kept)')
  .action(async (opts) => { await serveCommand(opts); });

program
  .command('publish')
  .description('Publish the folder\'s sequence files as new versions; --dry-run prints the impact on contacts in flight')
  .option('--dry-run', 'print how many contacts sit on each removed or changed step and where they go; change nothing')
  .option('--dir <folder>', 'folder of .seq.ts files (default .)')
  .option('--store <file>', 'lowdb store file (default .nudge/store.json)')
  .option('--tz <zone>', 'account time zone (IANA name)', 'UTC')
  .option('--no-typecheck', "skip TypeScript's type check (Nudge's own rules only)")
  .option('--json', 'print the outcome and impact reports as JSON')
  .action(async (opts) => { process.exitCode = await publishCommand(opts); });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
    } else if (err instanceof NudgeError) {
      const { line, exitCode } = renderCli(err, displayPath);
      process.stderr.write(`${line}\n`);
      process.exitCode = exitCode;
    } else {
      throw err;
    }
  }
}

void main();
