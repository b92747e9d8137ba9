/**
 * Across the sequences checked together: NUDGE016 two sequences with the
 * same id (enrolments are keyed by sequence id).
 */
import type { SequenceIR } from '../ir';
import { positionText, quote, type RuleContext } from './context';

export function checkDuplicateSequenceId(ctx: RuleContext, earlier: readonly SequenceIR[]): void {
  const first = earlier.find((s) => s.id === ctx.ir.id);
  if (!first) return;
  ctx.report('NUDGE016', `Sequence id ${quote(ctx.ir.id)} is also used by the sequence at ${positionText(first.source, ctx.ir.source)} (${quote(first.name)}). Give each sequence its own id: contacts' enrolments are keyed by it.`);
}
