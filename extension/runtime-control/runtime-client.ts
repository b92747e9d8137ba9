/**
 * A small HTTP client of the runtime's API (no vscode: the integration test
 * drives it against the real server). Every failure becomes a
 * RuntimeApiError whose message says which route on which address failed,
 * why, and what to do, because it ends up in a notification or the log.
 */
import { NudgeError } from '../../errors/nudge-error';
import { isSequenceReports, type SequenceReportView } from './runtime-counts';
import type { RuntimeClock } from './status-text';

/** NUDGE_ERR_RUNTIME_API; `answerStatus` and `answerCode` are what the server answered, when it did. */
export class RuntimeApiError extends NudgeError<'NUDGE_ERR_RUNTIME_API'> {
  override name = 'RuntimeApiError';
  constructor(problem: string, readonly route: string, readonly answerStatus?: number, readonly answerCode?: string) {
    super('NUDGE_ERR_RUNTIME_API', { problem });
  }
}

export interface Health {
  status: string;
  clock: string;
  sequences: number;
}

export class RuntimeClient {
  constructor(readonly baseUrl: string, private readonly token?: string, private readonly timeoutMs = 5000) {}

  health(): Promise<Health> {
    return this.get<Health>('/health', false);
  }

  async clock(): Promise<RuntimeClock> {
    const c = await this.get<RuntimeClock>('/clock', true);
    if (typeof c?.kind !== 'string' || typeof c.now !== 'string') throw this.badShape('/clock');
    return c;
  }

  async sequences(): Promise<SequenceReportView[]> {
    const s = await this.get<unknown>('/sequences', true);
    if (!isSequenceReports(s)) throw this.badShape('/sequences');
    return s;
  }

  private badShape(route: string): RuntimeApiError {
    return new RuntimeApiError(`GET ${route} on ${this.baseUrl} answered in an unexpected shape: is another program on this port? Check nudge.runtime.port.`, route);
  }

  private async get<T>(route: string, auth: boolean): Promise<T> {
    const where = `GET ${route} on ${this.baseUrl}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth) {
      if (!this.token) throw new RuntimeApiError(`${where} needs the API token, and none was read.`, route);
      headers.authorization = `Bearer ${this.token}`;
    }
    let res: Response;
    try {
      res = await fetch(new URL(route, this.baseUrl), { headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      const why = e.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms (the server is busy or hung: see the Nudge Runtime log)` : (e.cause?.code ?? e.message);
      throw new RuntimeApiError(`${where} failed: ${why}.`, route);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new RuntimeApiError(`${where} answered ${res.status} with text that is not JSON: is another program on this port? Check nudge.runtime.port.`, route, res.status);
    }
    if (!res.ok) {
      const b = body as { code?: string; message?: string } | undefined;
      const hint = res.status === 401 ? ' The token read from .nudge/token (or the config, or NUDGE_TOKEN) is not the server\'s: restart the runtime from VS Code.' : '';
      throw new RuntimeApiError(`${where} failed: ${res.status} ${b?.code ?? ''} ${b?.message ?? text.slice(0, 200)}${hint}`.replace(/\s+/g, ' ').trim(), route, res.status, b?.code);
    }
    return body as T;
  }
}
