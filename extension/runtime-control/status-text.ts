/**
 * The status bar item's text and tooltip for each state of the runtime,
 * e.g. "$(pulse) Nudge :4400 · wall 14:05". Pure: the clock is shown in
 * the account zone given, so a simulated "2026-12-03 09:00" reads the way
 * the sequences' timers think about it.
 */

export interface RuntimeClock {
  kind: string;
  /** ISO instant from GET /clock. */
  now: string;
}

export type RuntimeState =
  | { kind: 'stopped'; lastError?: string }
  /** No port yet while the folder is picked and the port checked. */
  | { kind: 'starting'; port?: number }
  | { kind: 'running'; port: number; clock?: RuntimeClock; pollError?: string }
  | { kind: 'stopping' };

function parts(iso: string, timeZone: string): Record<string, string> | undefined {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  const out: Record<string, string> = {};
  const fmt = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone,
  });
  for (const p of fmt.formatToParts(t)) out[p.type] = p.value;
  return out;
}

/** "wall 14:05" or "simulated 2026-12-03 09:00"; the wall clock's date is today, so it is left out. */
export function clockText(clock: RuntimeClock, timeZone: string): string {
  const p = parts(clock.now, timeZone);
  if (!p) return clock.kind;
  const time = `${p.hour}:${p.minute}`;
  return clock.kind === 'simulated' ? `simulated ${p.year}-${p.month}-${p.day} ${time}` : `${clock.kind} ${time}`;
}

export interface StatusView {
  text: string;
  tooltip: string;
}

export function statusView(state: RuntimeState, timeZone: string): StatusView {
  switch (state.kind) {
    case 'stopped':
      return {
        text: '$(debug-stop) Nudge: stopped',
        tooltip: state.lastError ? `Nudge runtime stopped: ${state.lastError}\nClick to start it again.` : 'Nudge runtime is not running. Click to start it (nudge serve).',
      };
    case 'starting':
      return { text: '$(sync~spin) Nudge: starting', tooltip: `Starting nudge serve${state.port === undefined ? '' : ` on 127.0.0.1:${state.port}`}… Click to see its log.` };
    case 'stopping':
      return { text: '$(sync~spin) Nudge: stopping', tooltip: 'Stopping the Nudge runtime…' };
    case 'running': {
      const clock = state.clock ? ` · ${clockText(state.clock, timeZone)}` : '';
      const warn = state.pollError ? ' $(warning)' : '';
      const tip = [`Nudge runtime on http://127.0.0.1:${state.port}`];
      if (state.clock) tip.push(`Clock: ${state.clock.kind}, ${state.clock.now} (shown in ${timeZone})`);
      if (state.pollError) tip.push(`Last poll failed: ${state.pollError}`);
      tip.push('Click for Stop, Publish, Show Log.');
      return { text: `$(pulse) Nudge :${state.port}${clock}${warn}`, tooltip: tip.join('\n') };
    }
  }
}
