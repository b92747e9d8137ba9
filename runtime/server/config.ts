/**
 * `nudge.config.json`: the account zone, the API token, SMTP settings and
 * the default paths, port and host of `nudge serve`. Read once at start
 * and checked against a schema, so a typo is an error naming the key and
 * the file, not a setting silently ignored. Relative paths in the file are
 * relative to the file's folder (so the server can start from anywhere).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Ajv from 'ajv';
import { IANAZone } from 'luxon';
import { NudgeError, nudgeError } from '../../errors/nudge-error';

export interface NudgeConfig {
  accountZone?: string;
  token?: string;
  /** Passed to email delivery as it is (nodemailer transport options). */
  smtp?: Record<string, unknown>;
  store?: string;
  dir?: string;
  port?: number;
  host?: string;
  /** Where emails (.eml without SMTP), faxes and letters (PDF) are written. Default `.nudge/outbox`. */
  outboxDir?: string;
  /** Sender of emails that name no `from`. */
  from?: string;
  /** Ports HTTP Post steps may reach besides 80 and 443. */
  allowPorts?: number[];
  /**
   * The server's address as contacts' browsers and mailbox providers reach
   * it: tracked links, unsubscribe and opt-in confirmation links. Required
   * (https, or http on localhost) when emails go out through SMTP.
   */
  publicUrl?: string;
  /** The business: `~Account.Name~`, and the postal address every marketing email shows (`~Account.Address~`). */
  account?: { name?: string; address?: string };
  /** Mailbox for the mailto: half of List-Unsubscribe (`unsubscribe@acme.test`); optional. */
  unsubscribeMailto?: string;
  /** Sign every email with DKIM: the signing domain, the selector and the PEM private key file (read at start). */
  dkim?: { domain: string; selector: string; privateKeyFile: string };
  /** Requests per IP on public routes (forms, tracked links...): default 120 per 60 s; `false` turns it off. */
  rateLimit?: { max: number; windowMs: number } | false;
  /** Request, header and idle-connection timeouts in ms (defaults 30 s, 10 s, 60 s). */
  timeouts?: { requestMs?: number; headersMs?: number; connectionMs?: number };
  /** Largest request body in bytes (default 100 KiB). */
  bodyLimit?: number;
  /** Click and open tracking (README, "Tracking"). */
  tracking?: TrackingConfig;
}

export interface TrackingConfig {
  /** How long tracked links and pixels work after the email's step ran: `<n>m|h|d|w`, default `365d`. */
  linkExpiry?: string;
  /** Append a 1×1 open pixel to HTML marketing emails (default false). */
  openPixel?: boolean;
  /** The link key itself (at least 32 characters); default: generated in `.nudge/link.key`. */
  linkKey?: string;
}

const DURATION_UNITS_MS = { m: 60_000, h: 3600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** `tracking.linkExpiry` in milliseconds (the schema has checked its form). */
export function linkExpiryMs(text: string): number {
  const m = /^(\d+)([mhdw])$/.exec(text);
  if (!m) throw new ConfigError(`tracking.linkExpiry must look like "365d", "12w", "48h" or "90m", not ${JSON.stringify(text)}.`);
  return Number(m[1]) * DURATION_UNITS_MS[m[2] as keyof typeof DURATION_UNITS_MS];
}

export const CONFIG_FILE = 'nudge.config.json';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    accountZone: { type: 'string', minLength: 1 },
    token: { type: 'string', minLength: 16 },
    smtp: { type: 'object' },
    store: { type: 'string', minLength: 1 },
    dir: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    host: { type: 'string', minLength: 1 },
    outboxDir: { type: 'string', minLength: 1 },
    from: { type: 'string', minLength: 3 },
    allowPorts: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 65535 } },
    publicUrl: { type: 'string', pattern: '^https?://' },
    dkim: {
      type: 'object',
      additionalProperties: false,
      required: ['domain', 'selector', 'privateKeyFile'],
      properties: {
        // A DNS name and a DNS label: they land in the DKIM-Signature header, so no spaces or separators.
        domain: { type: 'string', minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$' },
        selector: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$' },
        privateKeyFile: { type: 'string', minLength: 1 },
      },
    },
    rateLimit: {
      oneOf: [
        { const: false },
        {
          type: 'object', additionalProperties: false, required: ['max', 'windowMs'],
          properties: { max: { type: 'integer', minimum: 1 }, windowMs: { type: 'integer', minimum: 1000 } },
        },
      ],
    },
    timeouts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requestMs: { type: 'integer', minimum: 100 }, headersMs: { type: 'integer', minimum: 100 }, connectionMs: { type: 'integer', minimum: 100 },
      },
    },
    bodyLimit: { type: 'integer', minimum: 1024, maximum: 100 * 1024 * 1024 },
    tracking: {
      type: 'object',
      additionalProperties: false,
      properties: {
        linkExpiry: { type: 'string', pattern: '^[1-9][0-9]{0,5}[mhdw]$' },
        openPixel: { type: 'boolean' },
        linkKey: { type: 'string', minLength: 32 },
      },
    },
    account: {
      type: 'object',
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, address: { type: 'string', minLength: 1, maxLength: 500 } },
    },
    unsubscribeMailto: { type: 'string', maxLength: 254, pattern: '^[^\\s@<>,;:"]+@[^\\s@<>,;:"]+$' },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile(schema);

/** A config file that cannot be used (NUDGE_ERR_CONFIG). */
export class ConfigError extends NudgeError<'NUDGE_ERR_CONFIG'> {
  override name = 'ConfigError';
  constructor(problem: string) {
    super('NUDGE_ERR_CONFIG', { problem });
  }
}

/**
 * The config at `file`, or `{}` when no file was named and the default one
 * does not exist. Paths come back absolute.
 */
export function readConfig(file: string | undefined, cwd = process.cwd()): { config: NudgeConfig; file?: string } {
  const path = resolve(cwd, file ?? CONFIG_FILE);
  if (!existsSync(path)) {
    if (file !== undefined) throw new ConfigError(`Config file ${path} does not exist.`);
    return { config: {} };
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => {
      const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
      if (e.keyword === 'additionalProperties') {
        const known = e.instancePath === '/tracking' ? Object.keys(schema.properties.tracking.properties) : Object.keys(schema.properties).filter((k) => k !== '$schema');
        return `unknown key "${e.instancePath ? `${at}.` : ''}${String(e.params.additionalProperty)}" (known: ${known.join(', ')})`;
      }
      return `${at} ${e.message}`;
    });
    throw new ConfigError(`${path}: ${problems.join('; ')}.`);
  }
  const config = { ...(data as NudgeConfig) };
  if (config.accountZone !== undefined && !IANAZone.isValidZone(config.accountZone)) {
    throw nudgeError('NUDGE_ERR_BAD_TIME_ZONE', { setting: `${path}: accountZone`, zone: JSON.stringify(config.accountZone) });
  }
  const base = dirname(path);
  if (config.store) config.store = resolve(base, config.store);
  if (config.dir) config.dir = resolve(base, config.dir);
  if (config.outboxDir) config.outboxDir = resolve(base, config.outboxDir);
  if (config.dkim) config.dkim = { ...config.dkim, privateKeyFile: resolve(base, config.dkim.privateKeyFile) };
  return { config, file: path };
}
