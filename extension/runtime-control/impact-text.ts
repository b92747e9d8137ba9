/**
 * The JSON of `nudge publish [--dry-run] --json` read back and told as
 * people read it: the impact report lines come from the runtime's own
 * formatImpact (the same text as the CLI and the server's publish log), so
 * the editor never words a report differently from the runtime.
 */
import { formatImpact } from '../../runtime/publish/format-impact';
import type { ImpactReport } from '../../runtime/publish/plan-migration';
import { nudgeError } from '../../errors/nudge-error';

export interface PublishFileJson {
  file: string;
  ok: boolean;
  diagnostics: Array<{ severity: string; code: string; message: string; source?: { file?: string; line: number; column: number } }>;
  sequences: string[];
}

export interface PublishJson {
  dryRun: boolean;
  files: PublishFileJson[];
  versions: Array<{ sequenceId: string; version: number; report: ImpactReport | null }>;
}

/** @throws Error naming what was wrong when the text is not the CLI's JSON. */
export function parsePublishJson(stdout: string): PublishJson {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw nudgeError('NUDGE_ERR_PUBLISH_CLI', { problem: `nudge publish did not print JSON (got ${JSON.stringify(stdout.slice(0, 120))}).` });
  }
  const d = data as Partial<PublishJson>;
  if (!d || typeof d !== 'object' || !Array.isArray(d.files) || !Array.isArray(d.versions)) {
    throw nudgeError('NUDGE_ERR_PUBLISH_CLI', { problem: 'nudge publish printed JSON without "files" and "versions": is dist/cli.js from another version of Nudge? Rebuild it (npm run build).' });
  }
  return d as PublishJson;
}

/** Rejected files: not published, the running version stays. */
export const rejectedFiles = (p: PublishJson): PublishFileJson[] => p.files.filter((f) => !f.ok);

export function versionLine(v: PublishJson['versions'][number]): string {
  return v.report ? formatImpact(v.report) : `${v.sequenceId}: version ${v.version} (new sequence)`;
}

/** Contacts that change step or wake-up: what a reader wants to see before confirming. */
export const contactsMoved = (p: PublishJson): number =>
  p.versions.reduce((n, v) => n + (v.report?.affected ?? 0), 0);

/** The modal's one-line question (or statement when there is nothing to publish). */
export function impactHeadline(p: PublishJson, where: string): string {
  const n = p.versions.length;
  if (n === 0) return rejectedFiles(p).length > 0 ? 'Nothing can be published: fix the files with errors first.' : 'Nothing to publish: every sequence is at its published version.';
  const moved = contactsMoved(p);
  return `Publish ${n} sequence version${n === 1 ? '' : 's'} to ${where}?${moved ? ` ${moved} contact${moved === 1 ? '' : 's'} in flight affected.` : ''}`;
}

/** The full report: one block per new version, then the files that will not be published. */
export function impactReportText(p: PublishJson, displayPath: (file: string) => string = (f) => f): string {
  const lines: string[] = [];
  for (const v of p.versions) lines.push(versionLine(v));
  for (const f of rejectedFiles(p)) {
    const errors = f.diagnostics.filter((d) => d.severity === 'error');
    lines.push(`${displayPath(f.file)}: not published (${errors.length} error${errors.length === 1 ? '' : 's'}; the running version stays)`);
    for (const d of errors) {
      const at = d.source ? `:${d.source.line}:${d.source.column}` : '';
      lines.push(`  ${displayPath(d.source?.file ?? f.file)}${at} ${d.code} ${d.message}`);
    }
  }
  if (p.versions.length === 0 && lines.length === 0) lines.push('nothing to publish: every valid sequence is at its published version');
  return lines.join('\n');
}

/** What was published, for the message after "Publish" (versions as the runtime reports them afterwards). */
export function outcomeText(published: Array<{ sequenceId: string; version: number }>, rejected: string[]): string {
  const parts: string[] = [];
  if (published.length) parts.push(`Published ${published.map((v) => `${v.sequenceId} v${v.version}`).join(', ')}.`);
  if (rejected.length) parts.push(`Not published (errors, running version stays): ${rejected.join(', ')}.`);
  return parts.join(' ') || 'Nothing was published.';
}
