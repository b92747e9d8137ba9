/**
 * Communications and HTTP posts: NUDGE009 an email without subject or body
 * (or a fax or letter without body), NUDGE007 a URL that is not http(s),
 * NUDGE008 a port other than 80 or 443, NUDGE026 an email category that is
 * not 'marketing' or 'transactional', or marketing sent to staff.
 */
import { eachStep, quote, type SequenceRule } from './context';

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

export const checkMessages: SequenceRule = ({ ir, report }) => {
  for (const { step, path } of eachStep(ir)) {
    if (step.kind === 'email') {
      const missing = [blank(step.params.subject) && 'subject', blank(step.params.body) && 'body'].filter(Boolean);
      if (missing.length > 0) {
        report('NUDGE009', `Email ${quote(step.id)} has an empty ${missing.join(' and an empty ')}. Write ${missing.length === 2 ? 'both' : `the ${missing[0]}`}: ${missing.map((m) => `${m}: '...'`).join(', ')}.`, { step, path });
      }
      const category: unknown = step.params.category;
      if (category !== undefined && category !== 'marketing' && category !== 'transactional') {
        report('NUDGE026', `Email ${quote(step.id)} has category ${JSON.stringify(category)}; write category: 'marketing' (only to marketable addresses) or 'transactional' (receipts, notices).`, { step, path });
      } else if (category === 'marketing' && step.params.to !== 'contact') {
        report('NUDGE026', `Email ${quote(step.id)} is marked 'marketing' but goes to ${step.params.to === 'owner' ? 'the owner' : 'fixed addresses'}, whose consent the contact's email status does not say; remove category (staff notifications are transactional) or send it to the contact.`, { step, path });
      }
    } else if ((step.kind === 'fax' || step.kind === 'letter') && blank(step.params.body)) {
      report('NUDGE009', `${step.kind === 'fax' ? 'Fax' : 'Letter'} ${quote(step.id)} has an empty body. Write what to send: body: '...'.`, { step, path });
    }
  }
};

export const checkHttpPosts: SequenceRule = ({ ir, report }) => {
  for (const { step, path } of eachStep(ir)) {
    if (step.kind !== 'httpPost') continue;
    const raw = step.params.url;
    const where = { step, path };
    let url: URL;
    try {
      // Merge fields are filled in at run time; a placeholder keeps the URL parsable.
      url = new URL(String(raw).replace(/~[^~]*~/g, 'x'));
    } catch {
      report('NUDGE007', `HTTP POST ${quote(step.id)} has url ${JSON.stringify(raw)}, which is not a valid URL. Write a full URL, e.g. 'https://example.com/hook'.`, where);
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      report('NUDGE007', `HTTP POST ${quote(step.id)} has url ${JSON.stringify(raw)} with scheme '${url.protocol.replace(/:$/, '')}', but posts go only to http:// or https:// URLs. Use an https:// URL.`, where);
    } else if (url.port !== '' && url.port !== '80' && url.port !== '443') {
      report('NUDGE008', `HTTP POST ${quote(step.id)} has url ${JSON.stringify(raw)} on port ${url.port}, but Keap posts only to ports 80 and 443. Serve the endpoint on the default port and remove ':${url.port}'.`, where);
    }
  }
};
