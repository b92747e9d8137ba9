// A malformed duration smuggled past the types: a DslError at the call site.
import { sequence, start } from 'nudge';

const path = start()
  .email({ subject: 'Hello', body: 'Hi' })
  .delay('2 days' as any); // line 6

export default sequence('dsl-error', { name: 'DSL error', paths: [path] });
