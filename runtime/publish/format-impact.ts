/**
 * The impact report as people read it (the CLI's `publish --dry-run`, the
 * server's log line on every publish):
 *
 *   welcome: version 2 → 3 (120 contacts in flight: 45 affected, 75 unaffected)
 *     path 0  wait-2d   removed  30 contacts → email-day-two
 *     path 0  wait-3h   changed  15 contacts → wait-3h (wake-ups kept)
 *     path 0  added: tag-warm
 */
import type { ImpactReport, StepImpact } from './plan-migration';

export function formatImpact(r: ImpactReport): string {
  const lines = [
    `${r.sequenceId}: version ${r.fromVersion} → ${r.toVersion} (${plural(r.inFlight, 'contact')} in flight: ${r.affected} affected, ${r.unaffected} unaffected${r.completing ? `, ${r.completing} complete the sequence` : ''})`,
  ];
  for (const s of r.steps) lines.push(`  ${stepLine(s)}`);
  for (const p of r.diff.paths) {
    if (p.pathAdded) lines.push(`  path ${p.index}  new start path: taken by contacts who enter from now on, not by contacts in flight`);
    if (p.added.length > 0) lines.push(`  path ${p.index}  added: ${p.added.join(', ')} (contacts already past this point do not go back for it)`);
  }
  if (r.steps.length === 0 && !r.diff.stepsChanged) lines.push('  no step changed (name, goals or options only)');
  return lines.join('\n');
}

function stepLine(s: StepImpact): string {
  const wake = s.wakeUp === 'kept' ? ' (wake-ups kept)' : s.wakeUp === 'recomputed' ? ' (runs the new step from now)' : '';
  const returns = s.loseYearlyReturn ? `; ${plural(s.loseYearlyReturn, 'contact')} no longer return to it yearly` : '';
  return `path ${s.path}  ${s.stepId}  ${s.change}  ${plural(s.contacts, 'contact')} → ${s.movesTo}${wake}${returns}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
