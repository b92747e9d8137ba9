/**
 * The address the links in sent emails point at. Real email (SMTP) must
 * carry working unsubscribe links: Gmail and Yahoo only honour one-click
 * unsubscribe over HTTPS, so `nudge serve` with SMTP refuses to start
 * without a `publicUrl` that is https (http only for localhost, a test
 * setup). Without SMTP emails are `.eml` files, and the listening address
 * is good enough.
 */
import { nudgeError } from '../../errors/nudge-error';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function resolvePublicUrl(opts: { publicUrl?: string; smtp: boolean; listenHost: string; port: number }): string {
  const { publicUrl, smtp } = opts;
  if (!smtp) return (publicUrl ?? `http://${opts.listenHost}:${opts.port}`).replace(/\/+$/, '');
  if (publicUrl === undefined) throw nudgeError('NUDGE_ERR_PUBLIC_URL', { problem: 'Emails go out through SMTP, but nudge.config.json has no "publicUrl".' });
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw nudgeError('NUDGE_ERR_PUBLIC_URL', { problem: `"publicUrl" ${JSON.stringify(publicUrl)} is not a URL.` });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    throw nudgeError('NUDGE_ERR_PUBLIC_URL', { problem: `Emails go out through SMTP, but "publicUrl" ${JSON.stringify(publicUrl)} is not https (http is only for localhost).` });
  }
  if (url.search || url.hash) throw nudgeError('NUDGE_ERR_PUBLIC_URL', { problem: `"publicUrl" ${JSON.stringify(publicUrl)} has a query or fragment; give the server's base address only.` });
  return publicUrl.replace(/\/+$/, '');
}
