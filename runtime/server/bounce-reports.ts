/**
 * Bounce and complaint reports as a mail system sends them, turned into
 * email events: RFC 3464 delivery status notifications (a
 * `multipart/report; report-type=delivery-status` whose
 * `message/delivery-status` part has one field block per recipient) and
 * RFC 5965 abuse reports (`report-type=feedback-report`, a
 * `message/feedback-report` part with `Feedback-Type: abuse`).
 *
 * Parsed with mailparser, bounded (parts, header size), never trusted: a
 * body that is neither report is refused with one line saying why; a well
 * formed report that says nothing actionable (a delay warning, a
 * `Feedback-Type: not-spam`) yields no events.
 */
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import { nudgeError } from '../../errors/nudge-error';

export interface ReportedEvent {
  email: string;
  kind: 'hard-bounce' | 'soft-bounce' | 'complaint';
  /** The status and diagnostic of a DSN, or the feedback type and user agent of an ARF report (one line, bounded). */
  detail: string;
}

export interface ParsedReport {
  format: 'dsn' | 'arf';
  events: ReportedEvent[];
  /** Recipients or reports that were well formed but not a failure or a complaint. */
  ignored: number;
}

const PARSE_OPTIONS = {
  keepDeliveryStatus: true,
  ignoreEmbedded: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  checksumAlgo: false,
  maxChildNodes: 50,
  maxHeadSize: 64 * 1024,
} as const;

/** Longest address SMTP allows (RFC 5321 path limit). */
const MAX_ADDRESS = 254;
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

const bad = (problem: string) => nudgeError('NUDGE_ERR_BAD_BOUNCE_REPORT', { problem });

export async function parseBounceReport(raw: Buffer): Promise<ParsedReport> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, PARSE_OPTIONS);
  } catch (error) {
    throw bad(`it is not a MIME message (${oneLine((error as Error).message, 120)})`);
  }
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const reportType = type?.value?.toLowerCase() === 'multipart/report' ? type.params?.['report-type']?.toLowerCase() : undefined;
  const part = (contentType: string): Attachment | undefined => mail.attachments.find((a) => a.contentType.toLowerCase() === contentType);
  if (reportType === 'delivery-status') {
    const status = part('message/delivery-status');
    if (!status) throw bad('it is a delivery status report with no message/delivery-status part');
    return { format: 'dsn', ...dsnEvents(status.content.toString('utf8')) };
  }
  if (reportType === 'feedback-report') {
    const feedback = part('message/feedback-report');
    if (!feedback) throw bad('it is a feedback report with no message/feedback-report part');
    const original = part('message/rfc822') ?? part('text/rfc822-headers');
    return { format: 'arf', ...(await arfEvents(feedback.content.toString('utf8'), original?.content)) };
  }
  const what = type?.value ? `its Content-Type is ${oneLine(type.value, 80)}${reportType ? `; report-type=${oneLine(reportType, 40)}` : ''}` : 'it has no Content-Type';
  throw bad(`${what}, not multipart/report with report-type delivery-status or feedback-report`);
}

/**
 * RFC 3464 §2: a block of per-message fields, then one block per recipient,
 * blocks separated by blank lines. `Action: failed` with a 5.x.x status is a
 * hard bounce, with 4.x.x a soft one (the reporting MTA gave up on a
 * temporary failure); `delayed`, `delivered`, `relayed` and `expanded` are not failures.
 */
function dsnEvents(text: string): { events: ReportedEvent[]; ignored: number } {
  const blocks = fieldBlocks(text);
  const recipients = blocks.filter((b) => b.has('final-recipient') || b.has('original-recipient'));
  if (recipients.length === 0) throw bad('its message/delivery-status part has no Final-Recipient field');
  const events: ReportedEvent[] = [];
  let ignored = 0;
  for (const fields of recipients) {
    const email = addressField(fields.get('final-recipient') ?? fields.get('original-recipient')!);
    const action = (fields.get('action') ?? '').toLowerCase();
    const status = /^([245])\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '');
    if (!email) throw bad(`Final-Recipient ${oneLine(fields.get('final-recipient') ?? '', 80)} is not an email address`);
    if (action !== 'failed' || !status || status[1] === '2') {
      ignored++;
      continue;
    }
    const diagnostic = fields.get('diagnostic-code');
    events.push({
      email,
      kind: status[1] === '5' ? 'hard-bounce' : 'soft-bounce',
      detail: oneLine(`DSN ${status[0]}${diagnostic ? `: ${diagnostic}` : ''}`, 300),
    });
  }
  return { events, ignored };
}

/**
 * RFC 5965 §3.1: `Feedback-Type: abuse` is a complaint. The complainant is
 * `Original-Rcpt-To` when the provider includes it, else the To of the
 * reported message (providers often redact the first).
 */
async function arfEvents(text: string, original: Buffer | undefined): Promise<{ events: ReportedEvent[]; ignored: number }> {
  const fields = fieldBlocks(text)[0] ?? new Map<string, string>();
  const feedbackType = fields.get('feedback-type')?.toLowerCase();
  if (!feedbackType) throw bad('its message/feedback-report part has no Feedback-Type field');
  if (feedbackType !== 'abuse') return { events: [], ignored: 1 };
  let addresses = (fields.getAll('original-rcpt-to')).map(addressField).filter((a): a is string => a !== undefined);
  if (addresses.length === 0 && original) addresses = await recipientsOf(original);
  if (addresses.length === 0) return { events: [], ignored: 1 };
  const agent = fields.get('user-agent');
  const detail = oneLine(`ARF abuse report${agent ? ` from ${agent}` : ''}`, 300);
  return { events: [...new Set(addresses)].slice(0, 10).map((email) => ({ email, kind: 'complaint' as const, detail })), ignored: 0 };
}

async function recipientsOf(message: Buffer): Promise<string[]> {
  try {
    // Headers only (text/rfc822-headers has no body): the blank line makes it a message.
    const parsed = await simpleParser(Buffer.concat([message, Buffer.from('\r\n\r\n')]), PARSE_OPTIONS);
    const to = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
    return to.flatMap((t) => t.value).map((v) => addressField(v.address ?? '')).filter((a): a is string => a !== undefined);
  } catch {
    return [];
  }
}

type FieldBlock = Map<string, string> & { getAll(name: string): string[] };

/** Header-style field blocks (continuation lines unfolded; names lower-cased; first value wins, getAll keeps every one). */
function fieldBlocks(text: string): FieldBlock[] {
  const blocks: FieldBlock[] = [];
  for (const chunk of text.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const unfolded = chunk.replace(/\n[ \t]+/g, ' ').trim();
    if (!unfolded) continue;
    const all = new Map<string, string[]>();
    for (const line of unfolded.split('\n')) {
      const i = line.indexOf(':');
      if (i <= 0) continue;
      const name = line.slice(0, i).trim().toLowerCase();
      all.set(name, [...(all.get(name) ?? []), line.slice(i + 1).trim()]);
    }
    const block = new Map([...all].map(([k, v]) => [k, v[0]])) as FieldBlock;
    block.getAll = (name) => all.get(name) ?? [];
    blocks.push(block);
  }
  return blocks;
}

/** `rfc822; Ann@Example.test`, `<ann@example.test>` or a bare address; undefined when it is not one. */
function addressField(value: string): string | undefined {
  const semi = value.indexOf(';');
  const typed = semi >= 0 ? value.slice(semi + 1) : value;
  if (semi >= 0 && value.slice(0, semi).trim().toLowerCase() !== 'rfc822') return undefined;
  const address = typed.trim().replace(/^<(.*)>$/, '$1').trim();
  return address.length <= MAX_ADDRESS && ADDRESS.test(address) ? address : undefined;
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
