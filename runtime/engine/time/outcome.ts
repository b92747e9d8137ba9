/** What a date or field timer resolves to when the contact reaches it. */
export type SkipReason = 'date passed' | 'field empty';

export type TimerOutcome = { fireAt: number } | { skipped: SkipReason };
