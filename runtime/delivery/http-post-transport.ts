/**
 * HTTP Post steps: the contact's fields posted to a URL as form-encoded
 * name/value pairs (Keap's format) or JSON, with an `Idempotency-Key`
 * header so the receiver can drop a resend after a crash.
 *
 * What a failure means decides whether it is retried: a 2xx is delivered; a
 * 4xx is the receiver refusing this request, which asking again will not
 * change (except 408 Request Timeout and 429 Too Many Requests); a 5xx, a
 * network error or a timeout may pass, so those are retried with backoff.
 * Redirects are not followed: a 3xx could lead to a port the rule forbids,
 * and re-posting a form to another address is the author's decision.
 */
import { DeliveryError, permanentFailure } from './delivery-error';
import { checkPort, DEFAULT_PORTS } from './port-rule';
import type { Transport } from './transport';
import type { OutgoingHttpPost } from '../engine/effects';

export interface HttpPostOptions {
  /** Give up on one request after this long (default 10 s); the item is retried later. */
  timeoutMs?: number;
  /** Ports allowed besides 80 and 443 (Keap allows only those two). */
  allowPorts?: number[];
  /** Sent as User-Agent. */
  userAgent?: string;
}

const SNIPPET_BYTES = 300;

export class HttpPostTransport implements Transport<OutgoingHttpPost> {
  private readonly ports: Set<number>;

  constructor(private readonly options: HttpPostOptions = {}) {
    this.ports = new Set([...DEFAULT_PORTS, ...(options.allowPorts ?? [])]);
  }

  async send(effect: OutgoingHttpPost): Promise<void> {
    const url = checkPort(effect.url, this.ports, `HTTP Post of contact ${effect.contactId} (step ${effect.stepId})`);
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const body = effect.format === 'json' ? JSON.stringify(effect.fields) : new URLSearchParams(Object.entries(effect.fields)).toString();
    const contentType = effect.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': contentType, 'Idempotency-Key': effect.idempotencyKey, 'User-Agent': this.options.userAgent ?? 'Nudge' },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      if (response.status >= 200 && response.status < 300) {
        await response.body?.cancel().catch(() => undefined);
        return;
      }
      throw classifyResponse(response.status, await snippet(response), response.headers.get('retry-after'), effect.url);
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      if (controller.signal.aborted) throw new DeliveryError(`HTTP Post to ${effect.url} timed out after ${timeoutMs} ms`, { cause: error });
      const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
      const detail = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new DeliveryError(`HTTP Post to ${effect.url} failed: ${detail}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}

function classifyResponse(status: number, text: string, retryAfter: string | null, url: string): DeliveryError {
  const message = `HTTP Post to ${url} answered ${status}${text ? `: ${text}` : ''}`;
  if (status === 408 || status === 429) return new DeliveryError(message, { retryAfterMs: parseRetryAfter(retryAfter) });
  if (status >= 300 && status < 400) return permanentFailure(`${message} (a redirect; point the step at the final address)`);
  if (status >= 400 && status < 500) return permanentFailure(message);
  return new DeliveryError(message, { retryAfterMs: parseRetryAfter(retryAfter) });
}

/** Seconds, or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The start of the response body for the error message; never reads a huge body whole. */
async function snippet(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
  } catch {
    // A body cut short still tells us the status; the status decides.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(parts).toString('utf8').replace(/\s+/g, ' ').trim();
  return text.length > SNIPPET_BYTES ? `${text.slice(0, SNIPPET_BYTES)}…` : text;
}
