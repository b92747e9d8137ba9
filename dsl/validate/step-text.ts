/**
 * The free texts of a step that may hold merge fields, each with the name of
 * the option it came from (for messages: `(subject)`, `(fields.email)`).
 */
import type { Step } from '../ir';

export interface StepText {
  what: string;
  text: string;
}

export function stepTexts(step: Step): StepText[] {
  const texts: Array<[string, unknown]> = [];
  switch (step.kind) {
    case 'email': {
      const p = step.params;
      texts.push(['subject', p.subject], ['body', p.body], ['from', p.from]);
      if (Array.isArray(p.to)) p.to.forEach((addr, i) => texts.push([`to[${i}]`, addr]));
      break;
    }
    case 'fax':
    case 'letter':
      texts.push(['subject', step.params.subject], ['body', step.params.body]);
      break;
    case 'note':
      texts.push(['subject', step.params.subject], ['body', step.params.body]);
      break;
    case 'task':
      texts.push(['title', step.params.title], ['description', step.params.description]);
      break;
    case 'appointment':
      texts.push(['title', step.params.title], ['description', step.params.description], ['location', step.params.location]);
      break;
    case 'opportunity':
      texts.push(['title', step.params.title], ['notes', step.params.notes]);
      break;
    case 'httpPost':
      texts.push(['url', step.params.url]);
      for (const [name, value] of Object.entries(step.params.fields ?? {})) texts.push([`fields.${name}`, value]);
      break;
    case 'setField':
      texts.push(['value', step.params.value]);
      break;
    default:
      break;
  }
  return texts.filter((t): t is [string, string] => typeof t[1] === 'string').map(([what, text]) => ({ what, text }));
}
