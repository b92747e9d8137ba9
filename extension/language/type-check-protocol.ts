/** Messages between the extension host and the type-check worker. */
import type { TsDiagnostic } from './sequence-language-service';

export type TypeCheckRequest =
  | { type: 'check'; id: number; fileName: string; text: string; version: number }
  | { type: 'close'; fileName: string };

export type TypeCheckReply =
  | { id: number; ok: true; diagnostics: TsDiagnostic[] }
  | { id: number; ok: false; message: string };
