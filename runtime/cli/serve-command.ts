/**
 * `nudge serve`: the runtime as a server on this machine. Reads the config
 * (flags win over nudge.config.json, which wins over defaults), opens the
 * lowdb store, publishes the valid sequences of the folder as version 1,
 * catches up on what fell due while it was down, then listens (on
 * 127.0.0.1 unless told otherwise). On the wall clock a ticker runs due
 * wake-ups every second; on the simulated clock time moves only through
 * POST /clock/advance.
 */
import { existsSync, statSync, mkdirSync } from 'node:fs';
import { basename, join, resolve, dirname } from 'node:path';
import { SimulatedClock, WallClock, type Clock } from '../hosts/live/clock';
import { RuntimeHost } from '../hosts/live/runtime-host';
import { buildApp } from '../server/app';
import { DeliveryFailureLog, DeliveryThread, DeliveryWorker, type SmtpConfig } from '../delivery';
import { OWNER_DIR_MODE, tightenMode } from '../store/owner-only';
import { HealthCheck } from '../server/health-check';
import { logStoreOpening, storeFolderWarnings } from './serve-checks';
import { linkExpiryMs, readConfig } from '../server/config';
import { loadDkimKey } from '../server/dkim-key';
import { resolveLinkKey } from '../server/link-key-file';
import { emailOutcomeCounter } from '../hosts/live/email-outcomes';
import { resolvePublicUrl } from '../server/public-url';
import { startDueTicker } from '../server/due-ticker';
import { chooseLogFormat, serveLogStream } from './log-format';
import { SequencePublisher } from '../publish/sequence-publisher';
import { SIMULATED_CLOCK_META } from '../server/routes/clock';
import { resolveToken } from '../server/token-file';
import { LowdbStore } from '../store/lowdb-store';
import { nudgeError } from '../../errors/nudge-error';
import { UsageError } from './usage-error';
import { assertCanListen, listenError } from './listen-error';

export interface ServeOptions {
  dir?: string;
  store?: string;
  clock?: string;
  start?: string;
  host?: string;
  port?: string;
  config?: string;
  /** Open a store whose journal is damaged by giving up the lines from the damage on (a copy is kept). */
  acceptJournalLoss?: boolean;
  /** pretty or json (default: pretty on a terminal, else NUDGE_LOG_FORMAT or json). */
  logFormat?: string;
}

function parsePort(text: string | number): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(text)}.`);
  return port;
}

export async function serveCommand(opts: ServeOptions): Promise<void> {
  const { config, file: configFile } = readConfig(opts.config);
  // Checked before anything opens: a bad key is a start-up error, not a failure on every email.
  const dkim = loadDkimKey(config.dkim, configFile);
  const dir = resolve(opts.dir ?? config.dir ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--dir ${dir} is not a folder of .seq.ts files.`);
  const storeFile = resolve(opts.store ?? config.store ?? '.nudge/store.json');
  const clockKind = opts.clock ?? 'wall';
  if (clockKind !== 'wall' && clockKind !== 'simulated') throw new UsageError(`--clock must be "wall" or "simulated", not ${JSON.stringify(clockKind)}.`);
  if (opts.start !== undefined && clockKind !== 'simulated') throw new UsageError('--start needs --clock simulated.');
  const start = opts.start === undefined ? undefined : Date.parse(opts.start);
  if (start !== undefined && Number.isNaN(start)) throw nudgeError('NUDGE_ERR_BAD_INSTANT', { setting: '--start', value: JSON.stringify(opts.start) });
  const port = parsePort(opts.port ?? config.port ?? 4400);
  const logFormat = chooseLogFormat({ flag: opts.logFormat, env: process.env.NUDGE_LOG_FORMAT, isTTY: process.stdout.isTTY === true });
  const listenHost = opts.host ?? config.host ?? '127.0.0.1';
  await assertCanListen(listenHost, port);

  // Before anything is opened: real email needs links that work for its recipients.
  const publicUrl = resolvePublicUrl({ publicUrl: config.publicUrl, smtp: config.smtp !== undefined, listenHost, port });
  const token = resolveToken(config.token, process.env, join(resolve('.nudge'), 'token'), configFile);
  // Link tokens are sealed with their own key, kept beside the API token (never derived from it).
  const linkKey = resolveLinkKey(config.tracking?.linkKey, join(resolve('.nudge'), 'link.key'), token.token);

  // Contacts' data: the store's folder is owner-only; a `.nudge` folder found open to others is tightened (and said so below).
  mkdirSync(dirname(storeFile), { recursive: true, mode: OWNER_DIR_MODE });
  const tightened: Array<{ path: string; was: string }> = [];
  for (const folder of new Set([resolve('.nudge'), dirname(storeFile)])) {
    if (basename(folder) !== '.nudge') continue;
    const was = await tightenMode(folder, OWNER_DIR_MODE);
    if (was !== null) tightened.push({ path: folder, was });
  }
  const openWarnings = storeFolderWarnings(dirname(storeFile));
  // NUDGE_STORE_COMPACT_BYTES: compact sooner (the crash tests use it so kills land mid-compaction).
  const compactAt = Number(process.env.NUDGE_STORE_COMPACT_BYTES);
  const store = await LowdbStore.open(storeFile, {
    ...(Number.isFinite(compactAt) && compactAt > 0 ? { compactAtBytes: compactAt } : {}),
    acceptJournalLoss: opts.acceptJournalLoss === true,
  });
  let clock: Clock = new WallClock();
  if (clockKind === 'simulated') {
    // A restart resumes the simulated time it had reached (it never goes back), unless --start says later.
    const saved = await store.getMeta<number>(SIMULATED_CLOCK_META);
    clock = new SimulatedClock(saved !== undefined && (start === undefined || saved > start) ? saved : start ?? Date.now());
  }
  const host = await RuntimeHost.create({ store, clock, accountZone: config.accountZone, account: config.account });
  const outboxDir = config.outboxDir ?? resolve('.nudge/outbox');
  const health = new HealthCheck({ host, folders: { store: dirname(storeFile), outbox: outboxDir } });
  // Unsubscribe and confirmation tokens are sealed with the same link key: each token's purpose is sealed into it.
  const consent = { baseUrl: publicUrl, secret: linkKey.key, mailto: config.unsubscribeMailto };
  const app = await buildApp({
    host, token: token.token, linkKey: linkKey.key, consent, baseUrl: publicUrl, health,
    rateLimit: config.rateLimit, timeouts: config.timeouts, bodyLimit: config.bodyLimit,
    logger: { level: process.env.NUDGE_LOG_LEVEL ?? 'info', stream: serveLogStream(logFormat) } });
  const log = app.log;
  store.onCompaction = (outcome) => {
    if ('error' in outcome) log.error({ err: outcome.error }, 'store compaction failed; the journal keeps every change and the next compaction retries');
    else log.info({ ...outcome, ms: Math.round(outcome.ms) }, 'store compacted: snapshot written, journal rotated out');
  };
  log.info({ tokenFrom: token.from, created: token.created }, token.created ? `API token created in ${token.from} (mode 0600)` : `API token from ${token.from}`);
  logStoreOpening(log, store, [...tightened, ...store.opened.tightened], openWarnings);
  log.info({ linkKeyFrom: linkKey.from, created: linkKey.created }, linkKey.created ? `link key created in ${linkKey.from} (mode 0600)` : `link key from ${linkKey.from}`);

  // Versions, impact reports and live reload: a saved file that fails the checks is not published.
  const publisher = new SequencePublisher({
    dir, host, accountZone: config.accountZone,
    // Real email is judged against the account it names (NUDGE031); .eml files only when one is given.
    account: config.account ?? (config.smtp ? {} : undefined),
    log: ({ level, message, ...details }) => log[level](details, message),
  });
  await publisher.start();
  log.info({ dir, sequences: host.sequences().map((s) => `${s.ir.id}@v${s.version}`) }, `published ${host.sequences().length} sequence(s); watching ${dir}`);

  const caughtUp = await host.runDue();
  if (caughtUp > 0) log.info({ contactInstants: caughtUp }, 'ran wake-ups that fell due while the server was down');
  const ticker = clockKind === 'wall' ? startDueTicker(host, log) : undefined;

  // Delivery reads the engine's clock: an item is due when its step ran, and in simulated
  // mode a retry's backoff passes as the simulated clock is advanced. The DeliveryWorker (this
  // thread) owns the store side; rendering and sending run on a worker thread.
  const thread = new DeliveryThread({
    config: {
      outboxDir,
      defaultFrom: config.from ?? 'Nudge <nudge@localhost>',
      smtp: config.smtp as SmtpConfig | undefined,
      dkim,
      links: {
        baseUrl: publicUrl, secret: linkKey.key,
        expiryMs: linkExpiryMs(config.tracking?.linkExpiry ?? '365d'),
        openPixel: config.tracking?.openPixel === true,
      },
      consent,
      httpPost: { allowPorts: config.allowPorts },
      letter: { timeZone: config.accountZone },
    },
    onCrash: ({ error, exitCode, inFlight, restartInMs }) =>
      log.error({ err: error, exitCode, inFlight, restartInMs }, 'delivery thread died; its items stay pending and are retried, restarting it'),
  });
  const failures = new DeliveryFailureLog(log);
  health.deliveryProblem = () => failures.problem();
  const worker = new DeliveryWorker({
    store, clock, transports: thread.transports,
    onError: (err: unknown) => log.error({ err }, 'delivery error'),
    onAttempt: failures.attempt,
    onOutcome: emailOutcomeCounter(host, (err) => log.error({ err }, 'counting an email outcome failed')),
    // SMTP's verdicts on addresses go through the host's queue like every other write.
    onEmailEvent: async (event) => {
      const { contactIds } = await host.recordEmailEvent({
        email: event.email, kind: event.kind, detail: event.detail, at: event.at, source: { kind: 'smtp', id: event.key },
      });
      await host.countEmailEvent({ sequenceId: event.sequenceId, stepId: event.stepId, event: 'bounced' });
      log.warn({ kind: event.kind, contactIds, key: event.key, reply: event.detail }, `SMTP ${event.kind === 'hard-bounce' ? 'refused an address for good' : 'kept deferring an address'}: ${event.kind} recorded`);
    },
  });
  worker.start(1000);
  log.info({ outboxDir, smtp: config.smtp ? 'configured' : 'none: emails are written as .eml files', dkim: dkim ? `${dkim.keySelector}._domainkey.${dkim.domainName}` : 'off' }, 'delivery started');

  let address: string;
  try {
    address = await app.listen({ host: listenHost, port });
  } catch (err) {
    // Taken since assertCanListen: stop what started, then one line (the store keeps everything).
    const failure = listenError(err, listenHost, port);
    if (!failure) throw err;
    ticker?.stop();
    await publisher.close();
    await worker.stop();
    await thread.close();
    await app.close();
    await store.close();
    throw failure;
  }
  log.info({ url: address, clock: clockKind, store: storeFile }, `nudge serving at ${address}`);

  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    ticker?.stop();
    await publisher.close();
    await worker.stop(); // waits for the batch in progress: every outcome is recorded
    await thread.close();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
