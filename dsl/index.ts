/**
 * Nudge's sequence DSL: what `import { ... } from 'nudge'` gives a sequence file.
 */
export { sequence, note } from './sequence';
export type { SequenceOptions, NoteDraft } from './sequence';
export { start, PathBuilder } from './path-builder';
export { defineContact } from './define-contact';
export type { ContactSchema } from './define-contact';
export { tagApplied, formSubmitted, purchased, purchaseFailed, linkClicked, apiGoal, event, unsubscribed } from './goals';
export { DslError } from './errors';
export type * from './ir';
export { IR_VERSION } from './ir';
export type * from './step-options';
export type { ClockTime, DurationText, OffsetText, DateText } from './time-syntax';
export type { CustomFieldSchema, DateFieldName, WritableFieldName } from './contact-schema';
