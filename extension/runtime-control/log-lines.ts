/**
 * The runtime's log (pino: one JSON object per line) made readable for the
 * "Nudge Runtime" output channel: `14:05:03.120 INFO  published ... (file=...)`.
 * Lines that are not JSON (a crash's stack trace on stderr) pass through.
 */

export interface LogLine {
  /** INFO, WARN, ERROR...; 'TEXT' for a line that is not pino JSON. */
  level: string;
  time?: number;
  msg: string;
  /** Everything else pino wrote, minus its bookkeeping (pid, hostname, v). */
  fields: Record<string, unknown>;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const BOOKKEEPING = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'v']);
/** A field longer than this (an impact report object, a diagnostics list) is cut: the message already says it. */
const MAX_FIELD = 200;

export function parseLogLine(raw: string): LogLine {
  const text = raw.trimEnd();
  if (text.startsWith('{')) {
    try {
      const o = JSON.parse(text) as Record<string, unknown>;
      if (o && typeof o === 'object') {
        const fields: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(o)) if (!BOOKKEEPING.has(k)) fields[k] = v;
        const level = typeof o.level === 'number' ? LEVELS[o.level] ?? `L${o.level}` : String(o.level ?? 'INFO').toUpperCase();
        return { level, time: typeof o.time === 'number' ? o.time : undefined, msg: typeof o.msg === 'string' ? o.msg : '', fields };
      }
    } catch {
      // not JSON after all: shown as text
    }
  }
  return { level: 'TEXT', msg: text, fields: {} };
}

function fieldText(key: string, value: unknown): string {
  if (key === 'err' && value && typeof value === 'object') {
    const e = value as { type?: string; message?: string };
    return `${e.type ?? 'Error'}: ${e.message ?? ''}`;
  }
  // Fastify's request logs carry whole req/res objects: the method, URL and status are what a reader wants.
  if (key === 'req' && value && typeof value === 'object') {
    const r = value as { method?: string; url?: string };
    return `${r.method ?? '?'} ${r.url ?? '?'}`;
  }
  if (key === 'res' && value && typeof value === 'object') return String((value as { statusCode?: number }).statusCode ?? '?');
  if (key === 'responseTime' && typeof value === 'number') return `${value.toFixed(1)} ms`;
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return s.length > MAX_FIELD ? `${s.slice(0, MAX_FIELD)}…` : s;
}

/** HH:MM:SS.mmm in the given zone (the machine's when omitted). */
export function clockTime(time: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }).format(time);
  return `${parts}.${String(new Date(time).getUTCMilliseconds()).padStart(3, '0')}`;
}

export function formatLogLine(line: LogLine, timeZone?: string): string {
  if (line.level === 'TEXT') return line.msg;
  const when = line.time === undefined ? '' : `${clockTime(line.time, timeZone)} `;
  const fields = Object.entries(line.fields)
    .filter(([k]) => k !== 'report' && k !== 'diagnostics' && k !== 'reqId')
    .map(([k, v]) => `${k}=${fieldText(k, v)}`);
  return `${when}${line.level.padEnd(5)} ${line.msg}${fields.length ? `  (${fields.join(', ')})` : ''}`;
}

/** The routes the extension itself polls every few seconds. */
const POLLED = new Set(['/health', '/clock', '/sequences']);

/**
 * Drops the request logs of the extension's own polling (GET /clock and
 * /sequences every few seconds would bury everything else), keeping
 * those that failed on the server. A completion line names only its
 * request id, so the ids of dropped requests are remembered until then.
 */
export class PollNoiseFilter {
  private readonly dropped = new Set<string>();

  keep(line: LogLine): boolean {
    const id = line.fields.reqId === undefined ? undefined : String(line.fields.reqId);
    if (line.msg === 'incoming request' && id !== undefined) {
      const req = line.fields.req as { method?: string; url?: string } | undefined;
      if (req?.method === 'GET' && POLLED.has(req.url ?? '')) {
        if (this.dropped.size > 1000) this.dropped.clear(); // completions lost with a crash must not pile up
        this.dropped.add(id);
        return false;
      }
      return true;
    }
    if (line.msg === 'request completed' && id !== undefined && this.dropped.delete(id)) {
      const status = (line.fields.res as { statusCode?: number } | undefined)?.statusCode ?? 0;
      return status >= 500;
    }
    return true;
  }
}
