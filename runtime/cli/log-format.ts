/**
 * How `nudge serve` writes its log lines: pino-pretty's readable lines when
 * stdout is a terminal (someone is reading), pino's JSON lines otherwise (a
 * log collector is). `--log-format` wins over NUDGE_LOG_FORMAT, which wins
 * over the terminal check. The JSON path stays as fast as before: it keeps
 * the batched stdout writer, and pino-pretty is loaded only when chosen.
 */
import { createRequire } from 'node:module';
import type { PrettyOptions } from 'pino-pretty';
import { batchedStdout } from '../server/log-stream';
import { UsageError } from './usage-error';

export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogFormatInputs {
  /** `--log-format`, if given. */
  flag?: string;
  /** NUDGE_LOG_FORMAT, if set (empty counts as unset). */
  env?: string;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
}

export function chooseLogFormat({ flag, env, isTTY }: LogFormatInputs): LogFormat {
  if (flag !== undefined) return parseFormat(flag, '--log-format');
  if (env !== undefined && env !== '') return parseFormat(env, 'NUDGE_LOG_FORMAT');
  return isTTY ? 'pretty' : 'json';
}

function parseFormat(text: string, where: string): LogFormat {
  if ((LOG_FORMATS as readonly string[]).includes(text)) return text as LogFormat;
  throw new UsageError(`${where} must be ${LOG_FORMATS.join(' or ')}, not ${JSON.stringify(text)}.`);
}

/** pino-pretty as a stream pino writes its JSON lines into: level, time, message, then the other fields. */
export function prettyLogStream(options: Pick<PrettyOptions, 'destination' | 'colorize' | 'sync'> = {}): NodeJS.WritableStream {
  // Loaded here, not at the top: the JSON path never pays for it.
  const pretty = createRequire(__filename)('pino-pretty') as typeof import('pino-pretty');
  return pretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', ...options });
}

/** The stream `nudge serve` gives its logger. */
export function serveLogStream(format: LogFormat): { write(line: string): void } {
  // A terminal write is synchronous in Node anyway; sync keeps the last lines before an exit.
  return format === 'pretty' ? prettyLogStream({ sync: true }) : batchedStdout();
}
