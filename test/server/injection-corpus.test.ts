// Hostile contact data through the public form and the API, with the real
// `nudge serve` sending to a real SMTP server: every delivered message is
// parsed with a real HTML parser (parse5), and no element, attribute or
// link target comes from the data; headers stay one line; tracked links
// redirect only where the template said; the fulfillment CSV's cells are
// neutralised; the letter PDF shows the data as literal text.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { readMail } from './read-mail';
import { startServeProcess } from './serve-process';
import { parseCsv } from '../helpers/read-csv';

const TOKEN = 'injection-corpus-token-0123456789abcdef';
const BIG = `<b onclick="x()">${'A'.repeat(100_000)}</b>`;
const CORPUS = [
  '<a href="https://evil.test/login">Verify</a><script>x()</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'Ann\r\nBcc: x@evil.test',
  '\r\nSubject: hi\r\n\r\n<b>body</b>',
  '=HYPERLINK("https://evil.test","Click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '-2+3',
];

const SEQUENCE = `
import { defineContact, formSubmitted, sequence, tagApplied } from 'nudge';
const contact = defineContact({ note: 'string' });
const signup = contact.form('newsletter-signup', { fields: { firstName: true, lastName: true, company: true, address: true, note: true } });
export default sequence('injection', {
  name: 'Injection corpus',
  startOn: [formSubmitted(signup), tagApplied('Api-Signup')],
  paths: [contact.start()
    .email({
      id: 'welcome-html',
      subject: 'Welcome, ~Contact.FirstName|friend~ ~Contact.Note~!',
      from: '~Contact.LastName~ <hello@acme.test>',
      body: '<p title="~Contact.LastName~">Hi ~Contact.FirstName|there~,</p>'
        + '<p><a href="https://acme.test/book?who=~Contact.FirstName~">Book</a> <img alt="~Contact.Note~" src="https://acme.test/logo.png"></p>'
        + '<p>~Contact.Note~ from ~Contact.Company~</p>'
        + '<p><a href="~Unsubscribe~">Unsubscribe</a> ~Account.Address~</p>',
    })
    .email({ id: 'welcome-text', subject: 'Plain ~Contact.Company~', body: 'Hi ~Contact.FirstName~ of ~Contact.Company~. Unsubscribe: ~Unsubscribe~ ~Account.Address~' })
    .letter({ id: 'welcome-letter', subject: 'Welcome ~Contact.FirstName~', body: '<p>Dear ~Contact.FirstName~,</p><p>~Contact.Company~</p>' })
    .addToFulfillmentList('welcome-kit')],
});
`;

type Node = DefaultTreeAdapterMap['node'];

/** Tag name and attribute names of every element, in document order. */
function shape(html: string): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) out.push(`${node.tagName}[${node.attrs.map((a) => a.name).join(',')}]`);
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(parse(html) as unknown as Node);
  return out;
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

/** The text pdfkit drew: each TJ's hex strings, decoded as WinAnsi, from every (deflated) content stream. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  for (const m of raw.matchAll(/\/FlateDecode[^]*?stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      text += [...tj[1].matchAll(/<([0-9a-f]*)>/gi)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join('') + ' ';
    }
  }
  return text;
}


const oneSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

async function startSmtp() {
  const mails: Array<{ from: string; to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: 10_000_000,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') }); done(); });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.server.address() as { port: number }).port;
  return { port, mails, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe('an injection corpus through nudge serve', () => {
  it('reaches SMTP, the CSV and the letters only as data', async () => {
    const smtp = await startSmtp();
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-injection-'));
    const dir = join(cwd, 'sequences');
    mkdirSync(dir);
    writeFileSync(join(dir, 'injection.seq.ts'), SEQUENCE);
    writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({
      accountZone: 'UTC', token: TOKEN, publicUrl: 'http://localhost', account: { name: 'Acme Coffee', address: '1 Main St, Springfield, IL 62701' }, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
    }));
    const serve = await startServeProcess(cwd, dir);
    const { url } = serve;
    try {
      const post = (path: string, body: unknown, auth = false) => fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${TOKEN}` } : {}) },
        body: JSON.stringify(body),
      });
      const fields = (attack: string) => ({
        firstName: attack, lastName: attack, company: attack,
        address: { street: attack, city: attack, postalCode: '10001' }, custom: { note: attack },
      });
      const expected = new Map<string, string>();
      for (const [i, attack] of CORPUS.entries()) {
        const form = await post('/forms/newsletter-signup', { email: `form${i}@example.test`, ...fields(attack) });
        expect(form.status, await form.text()).toBe(202);
        expected.set(`form${i}@example.test`, attack);
        const api = await post('/contacts', { email: `api${i}@example.test`, ...fields(attack), tags: ['Api-Signup'] }, true);
        expect(api.status, await api.text()).toBe(201);
        expected.set(`api${i}@example.test`, attack);
      }
      // 100 kB: refused at the edge or sent as data, never as markup.
      const big = await post('/forms/newsletter-signup', { email: 'big@example.test', firstName: 'Big', custom: { note: BIG } });
      expect([202, 400, 413]).toContain(big.status);
      if (big.status === 202) expected.set('big@example.test', BIG);
      const firstName = (address: string) => (address === 'big@example.test' ? 'Big' : expected.get(address)!);
      const company = (address: string) => (address === 'big@example.test' ? '' : expected.get(address)!);

      const wanted = expected.size * 2;
      const deadline = Date.now() + 30_000;
      while (smtp.mails.length < wanted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const missing = [...expected.keys()].filter((a) => smtp.mails.filter((m) => m.to.includes(a)).length !== 2);
      expect(missing, JSON.stringify(await (await fetch(`${url}/outbox`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()).slice(0, 3000)).toEqual([]);

      const templateShape = shape('<p title="x">Hi x,</p><p><a href="https://acme.test/book?who=x">Book</a> <img alt="x" src="https://acme.test/logo.png"></p><p>x from x</p><p><a href="x">Unsubscribe</a> x</p>');
      for (const mail of smtp.mails) {
        expect(mail.to).toHaveLength(1);
        expect(['hello@acme.test', 'nudge@localhost']).toContain(mail.from);
        const attack = expected.get(mail.to[0])!;
        expect(attack).toBeDefined();
        const m = readMail(mail.raw);
        expect(m.headerNames).not.toContain('bcc');
        expect(m.headerNames.filter((n) => n === 'subject')).toHaveLength(1);
        expect(m.header('subject')).not.toMatch(/[\r\n]/);
        expect(m.header('from')).not.toMatch(/[\r\n]/);
        if (m.header('from')?.includes('<')) expect(m.header('from')).toMatch(/^[^<>]*<(hello@acme\.test|nudge@localhost)>$/);
        if (!m.html) {
          // The plain email stays plain whatever its data looks like.
          const [first, co] = [firstName(mail.to[0]), company(mail.to[0])];
          expect(m.header('subject')).toBe(`Plain ${oneLine(co)}`.trim());
          const text = m.text?.replace(/\r\n/g, '\n').trimEnd() ?? '';
          const written = `Hi ${first} of ${co}`.replace(/\r\n/g, '\n');
          expect(text.slice(0, written.length)).toBe(written);
          // Then the template's own words: the contact's unsubscribe link and the business's address.
          expect(text.slice(written.length)).toMatch(/^\. Unsubscribe: http:\/\/localhost\/u\/[\w-]+ 1 Main St, Springfield, IL 62701$/);
          continue;
        }
        expect(shape(m.html)).toEqual(templateShape);
        const links = hrefs(m.html);
        // The template's tracked link, then its unsubscribe link (never tracked), both on publicUrl.
        expect(links).toHaveLength(2);
        expect(links[0], url).toMatch(/^http:\/\/localhost\/l\//);
        expect(links[1], url).toMatch(/^http:\/\/localhost\/u\/[\w-]+$/);
        // publicUrl names no port: the server's real address serves the path.
        const hit = await fetch(`${url}${new URL(links[0]).pathname}`, { redirect: 'manual' });
        expect(hit.status).toBeGreaterThanOrEqual(300);
        const target = new URL(hit.headers.get('location')!);
        expect(target.origin + target.pathname).toBe('https://acme.test/book');
        expect(target.searchParams.get('who')).toBe(firstName(mail.to[0]));
      }

      const csv = await fetch(`${url}/fulfillment/welcome-kit.csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const rows = parseCsv(await csv.text()).slice(1);
      expect(rows).toHaveLength(expected.size);
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(rows.flat()).toContain(`'${CORPUS[7]}`);

      const lettersDir = join(cwd, '.nudge/outbox/letters');
      const deadlineLetters = Date.now() + 15_000;
      while (Date.now() < deadlineLetters && (!existsSync(lettersDir) || readdirSync(lettersDir).length < CORPUS.length * 2)) await new Promise((r) => setTimeout(r, 100));
      const letters = readdirSync(lettersDir).map((f) => oneSpace(pdfText(readFileSync(join(lettersDir, f)))));
      expect(letters).toHaveLength(CORPUS.length * 2);
      for (const attack of CORPUS) {
        const dear = oneSpace(`Dear ${attack},`);
        expect(letters.filter((t) => t.includes(dear)), `letter text for ${JSON.stringify(attack)}`).toHaveLength(2);
      }
    } finally {
      serve.stop();
      await smtp.close();
    }
  }, 120_000);
});

const oneLine = (s: string) => s.replace(/[ \t]*[\r\n]+[ \t]*/g, ' ');
