/**
 * Keap's rule for HTTP Post steps: only ports 80 and 443, unless the
 * account's config allows more. A post to another port could reach a
 * service on the author's own machine or network that never expected a
 * campaign to write to it, so it is refused before any connection is made,
 * and refused for good (retrying will not change the port).
 */
import { permanentFailure } from './delivery-error';

export const DEFAULT_PORTS: readonly number[] = [80, 443];

/** The parsed URL when it may be posted to; throws a permanent DeliveryError otherwise. */
export function checkPort(address: string, allowed: ReadonlySet<number>, what: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw permanentFailure(`${what}: "${address}" is not a URL; write it as https://host/path.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw permanentFailure(`${what}: "${address}" is not an http or https URL.`);
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (!allowed.has(port)) {
    const list = [...allowed].sort((a, b) => a - b).join(', ');
    throw permanentFailure(
      `${what}: port ${port} of ${address} is not allowed (allowed: ${list}). HTTP Posts may reach only ports 80 and 443 unless "allowPorts" in nudge.config.json lists ${port}.`,
    );
  }
  return url;
}
