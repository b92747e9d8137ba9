/**
 * The bundled runtime (`nudge serve`) as a child process: start it, know
 * when it serves, read its token, stop it. No vscode here, so the
 * integration test runs this very class against the real dist/cli.js.
 *
 * Ready means: the server logged "nudge serving at <url>" AND GET /health
 * answers there. Health alone is not enough: when the port is taken by
 * another runtime, /health answers from that one while ours is failing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { NudgeError } from '../../errors/nudge-error';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import type { Launch } from './launch';
import { formatLogLine, parseLogLine, type LogLine } from './log-lines';
import { RuntimeClient } from './runtime-client';
import { readServerToken } from './server-token';

export interface RuntimeInfo {
  url: string;
  port: number;
  pid: number;
  token: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The process could not be started at all (ENOENT...). */
  error?: Error;
}

export type StartFailure = 'port-in-use' | 'exited' | 'timeout' | 'spawn-failed' | 'token';

export class RuntimeStartError extends NudgeError<'NUDGE_ERR_RUNTIME_START'> {
  override name = 'RuntimeStartError';
  constructor(problem: string, readonly reason: StartFailure, readonly lastLines: string[]) {
    super('NUDGE_ERR_RUNTIME_START', { problem });
  }
}

export interface RuntimeProcessOptions {
  /** How long to wait for "serving" and /health (default 30 s: the first start bundles every file). */
  readyTimeoutMs?: number;
  /** SIGTERM first, SIGKILL after this long (default 5 s). */
  stopGraceMs?: number;
  /** Log lines kept for error messages (default 20). */
  keepLines?: number;
  onLog?: (line: LogLine, stream: 'stdout' | 'stderr') => void;
  /** Every exit; `expected` is false for a crash (not asked for by stop()). */
  onExit?: (exit: ExitInfo, expected: boolean) => void;
  /** Formats kept lines (default: the machine's zone). */
  timeZone?: string;
}

export class RuntimeProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<ExitInfo> | undefined;
  private exitInfo: ExitInfo | undefined;
  private readonly recent: string[] = [];
  private stopping = false;
  private tokenFrom: string | undefined;
  private announceUrl: (url: string) => void = () => undefined;

  constructor(readonly launch: Launch, private readonly opts: RuntimeProcessOptions = {}) {}

  get running(): boolean {
    return this.child !== undefined && this.exitInfo === undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The last log lines, formatted: what an error message shows. */
  lastLines(): string[] {
    return [...this.recent];
  }

  async start(): Promise<RuntimeInfo> {
    if (this.child) throw new Error('This runtime process was already started; make a new RuntimeProcess.');
    const { command, args, cwd, env } = this.launch;
    const urlSeen = new Promise<string>((res) => { this.announceUrl = res; });
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    this.exited = new Promise<ExitInfo>((res) => {
      // 'close', not 'exit': by then every line of stdout/stderr was read (the EADDRINUSE check needs stderr).
      child.once('close', (code, signal) => res({ code, signal }));
      child.once('error', (error) => res({ code: null, signal: null, error })); // spawn failed: no 'exit' follows
    }).then((info) => {
      this.exitInfo = info;
      this.opts.onExit?.(info, this.stopping);
      return info;
    });
    this.follow(child.stdout!, 'stdout');
    this.follow(child.stderr!, 'stderr');

    const timeoutMs = this.opts.readyTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new RuntimeStartError(`nudge serve did not answer within ${Math.round(timeoutMs / 1000)} s.`, 'timeout', [])), timeoutMs);
    });
    const died = this.exited.then((info) => { throw this.exitFailure(info); });
    try {
      const url = await Promise.race([urlSeen.then((u) => this.waitHealthy(u)), died, timedOut]);
      const token = readServerToken({ cwd, env, tokenFrom: this.tokenFrom });
      return { url, port: Number(new URL(url).port), pid: child.pid!, token };
    } catch (err) {
      if (this.running) await this.stop();
      const e = err instanceof RuntimeStartError ? err : new RuntimeStartError((err as Error).message, 'token', []);
      throw new RuntimeStartError(e.message, e.reason, this.lastLines());
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGTERM (the server closes the store and exits), then SIGKILL after the grace period. */
  async stop(graceMs = this.opts.stopGraceMs ?? 5000): Promise<ExitInfo & { forced: boolean }> {
    const child = this.child;
    if (!child || !this.exited) return { code: null, signal: null, forced: false };
    if (!this.running) return { ...(await this.exited), forced: false };
    this.stopping = true;
    let forced = false;
    child.kill('SIGTERM');
    const timer = setTimeout(() => { forced = true; child.kill('SIGKILL'); }, graceMs);
    try {
      return { ...(await this.exited), forced };
    } finally {
      clearTimeout(timer);
    }
  }

  /** For deactivate, which cannot wait: ask to stop now, make sure later (the timer does not hold the host open). */
  stopSoon(graceMs = this.opts.stopGraceMs ?? 5000): void {
    const child = this.child;
    if (!child || !this.running) return;
    this.stopping = true;
    child.kill('SIGTERM');
    setTimeout(() => { if (this.running) child.kill('SIGKILL'); }, graceMs).unref();
  }

  private follow(stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr'): void {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (raw) => {
      if (!raw.trim()) return;
      const line = parseLogLine(raw);
      if (typeof line.fields.tokenFrom === 'string') this.tokenFrom = line.fields.tokenFrom;
      if (typeof line.fields.url === 'string' && line.msg.startsWith('nudge serving at')) this.announceUrl(line.fields.url);
      this.recent.push(formatLogLine(line, this.opts.timeZone));
      if (this.recent.length > (this.opts.keepLines ?? 20)) this.recent.shift();
      this.opts.onLog?.(line, name);
    });
  }

  private async waitHealthy(url: string): Promise<string> {
    const client = new RuntimeClient(url, undefined, 2000);
    for (;;) {
      if (!this.running) return new Promise<never>(() => undefined); // the exit handler reports it
      try {
        const h = await client.health();
        if (h?.status === 'ok') return url;
      } catch {
        // not yet: it logged "serving" a moment before accepting
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private exitFailure(info: ExitInfo): RuntimeStartError {
    if (info.error) {
      return new RuntimeStartError(`Could not start ${this.launch.command}: ${info.error.message}.`, 'spawn-failed', []);
    }
    const how = info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`;
    if (this.recent.some((l) => l.includes('EADDRINUSE'))) {
      return new RuntimeStartError(`nudge serve ${how}: its port is already in use.`, 'port-in-use', []);
    }
    return new RuntimeStartError(`nudge serve ${how} before it was ready.`, 'exited', []);
  }
}

/**
 * Whether nothing listens on host:port now. Checked before starting because
 * `nudge serve` opens its store and publishes before it binds the port: a
 * second server failing on EADDRINUSE would already have written to the store.
 */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((res) => {
    const probe = createServer();
    probe.once('error', () => res(false));
    probe.listen(port, host, () => probe.close(() => res(true)));
  });
}
