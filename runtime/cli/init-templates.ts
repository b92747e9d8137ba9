/**
 * The files `nudge init` writes: a project that checks, renders and dry-runs
 * as it is, so a first `npm install && npm run check` works before any edit.
 * The sample uses only relative timers (no calendar date that could pass).
 */

export interface InitContext {
  /** npm package name of the new project (from its folder's name). */
  name: string;
  /** The nudge version that writes the project: the dependency's range. */
  nudgeVersion: string;
  /** The scenario's start: the next full hour when the project is made (an ISO instant). */
  scenarioStart: string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const hoursAfter = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString().replace('.000Z', 'Z');

export const SEQUENCE_FILE = 'sequences/welcome.seq.ts';
export const SCENARIO_FILE = 'sequences/welcome.scenario.json';
const DRY_RUN = `nudge simulate ${SEQUENCE_FILE} --scenario ${SCENARIO_FILE} --tz America/New_York`;

const sequence = `/**
 * Welcome series: a newsletter sign-up gets a welcome email at once, a tip
 * two days later on a weekday morning, and the Engaged tag. Buying stops it.
 * Check it with \`npm run check\`; dry-run it with \`npm run simulate\`.
 */
import { sequence, start, formSubmitted, purchased } from 'nudge';

const welcome = start('Welcome emails')
  .email({
    id: 'welcome-email',
    subject: 'Welcome, ~Contact.FirstName|friend~!',
    body: '<p>Hi ~Contact.FirstName|there~,</p>\\n<p>Thanks for signing up. One useful tip a week, nothing more.</p>\\n<p><a href="~Unsubscribe~">Unsubscribe</a> · ~Account.Name~, ~Account.Address~</p>',
    from: 'hello@example.com',
  })
  .delay('2d', { on: 'weekdays', at: '09:00', tz: 'contact' })
  .email({
    subject: 'Your first tip',
    body: 'Hi ~Contact.FirstName|there~, here is the tip we promised.\\n\\nUnsubscribe: ~Unsubscribe~\\n~Account.Name~, ~Account.Address~',
  })
  .applyTag('Engaged');

export default sequence('welcome', {
  name: 'Welcome series',
  startOn: formSubmitted('newsletter'),
  stopOn: purchased(),
  paths: [welcome],
});
`;

const contacts = [
  { id: 'c1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', timezone: 'Europe/London', tags: [] },
  { id: 'c2', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', timezone: 'America/New_York', tags: [] },
  { id: 'c3', firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com', timezone: 'Europe/London', tags: ['Customer'] },
];

const users = [{ id: 'u1', firstName: 'Sam', lastName: 'Owner', email: 'sam@example.com' }];

const workflow = `# Checks the sequences and dry-runs the sample on every push and pull request.
name: nudge
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
      # npm ci needs the package-lock.json that \`npm install\` writes: commit it.
      - run: npm ci
      - run: npx nudge check sequences
      - run: npx ${DRY_RUN} --days 7
`;

/** Path (relative to the project folder, with /) → contents. */
export function initFiles(ctx: InitContext): Record<string, string> {
  return {
    'package.json': json({
      name: ctx.name,
      version: '0.1.0',
      private: true,
      scripts: {
        check: 'nudge check sequences',
        render: `nudge render ${SEQUENCE_FILE}`,
        simulate: DRY_RUN,
        typecheck: 'tsc -p .',
      },
      dependencies: { nudge: `^${ctx.nudgeVersion}` },
      devDependencies: { typescript: '^5.9.3' },
    }),
    'tsconfig.json': json({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022'],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        isolatedModules: true,
      },
      include: ['sequences/**/*.ts'],
    }),
    [SEQUENCE_FILE]: sequence,
    'sequences/contacts.json': json(contacts),
    'sequences/users.json': json(users),
    [SCENARIO_FILE]: json({
      start: ctx.scenarioStart,
      days: 7,
      contactsFile: 'contacts.json',
      usersFile: 'users.json',
      events: [
        { at: hoursAfter(ctx.scenarioStart, 1), contact: 'c1', formSubmitted: 'newsletter' },
        { at: hoursAfter(ctx.scenarioStart, 2), contact: 'c2', formSubmitted: 'newsletter' },
        { at: hoursAfter(ctx.scenarioStart, 30), contact: 'c2', purchased: 'starter-kit' },
      ],
    }),
    // nudge serve's settings; no secrets: the API token is made in .nudge/token, SMTP goes in by hand.
    'nudge.config.json': json({
      accountZone: 'America/New_York',
      dir: 'sequences',
      store: '.nudge/store.json',
      port: 4400,
      from: 'hello@example.com',
      // Every marketing email shows the business's postal address (~Account.Address~): CAN-SPAM asks for it.
      account: { name: 'Your Company', address: 'Street 1, City, Postcode, Country' },
    }),
    '.vscode/extensions.json': json({ recommendations: ['nudge.nudge'] }),
    '.gitignore': 'node_modules/\n# nudge serve: the store, its journal, the API token and the outbox.\n.nudge/\n',
    '.github/workflows/nudge.yml': workflow,
  };
}
