// Each boundary of shared/DESIGN.md ("Boundaries") as the lint run keeps it:
// a violating import in a file of that layer is an error of the boundary
// rule, an allowed one is not. Runs ESLint on text, so no file is written.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The boundary rules that fire on `code` as if it were the file at `file` (repo-relative). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: resolve(root, file) });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => `${m.ruleId}: ${m.message}`);
}

interface Row {
  layer: string;
  file: string;
  violations: string[];
  allowed: string[];
}

const rows: Row[] = [
  {
    layer: 'dsl imports nothing from runtime/ or extension/',
    file: 'dsl/validate/new-rule.ts',
    violations: ["import { simulate } from '../../runtime/hosts/dry-run/simulate';", "import { config } from '../../extension/config';", "import * as vscode from 'vscode';"],
    allowed: ["import ts from 'typescript';", "import type { SequenceIR } from '../ir';", "import { codes } from '../../errors';"],
  },
  {
    layer: 'the engine imports no node builtin, store, server, host, delivery or vscode',
    file: 'runtime/engine/time/new-timer.ts',
    violations: [
      "import { readFileSync } from 'node:fs';", "import fs from 'fs';", "import { join } from 'path/posix';",
      "import type { ContactStore } from '../../store/contact-store';", "import { buildApp } from '../../server/app';",
      "import { RuntimeHost } from '../../hosts/live/runtime-host';", "import { createTransports } from '../../delivery';", "import * as vscode from 'vscode';",
      "export const load = () => import('node:fs');", "export const fs = require('fs');",
    ],
    allowed: ["import { DateTime } from 'luxon';", "import type { SequenceIR } from '../../../dsl/ir';", "import type { Contact } from '../model';", "import { codes } from '../../../errors';"],
  },
  {
    layer: 'the hosts never import server routes or vscode',
    file: 'runtime/hosts/live/new-host-part.ts',
    violations: ["import { SIMULATED_CLOCK_META } from '../../server/routes/clock';", "import * as vscode from 'vscode';"],
    allowed: ["import { createWorld } from '../../engine/world';", "import type { ContactStore } from '../../store/contact-store';", "import { createTransports } from '../../delivery';"],
  },
  {
    layer: 'server routes never import the store (nor reach it as host.store)',
    file: 'runtime/server/routes/new-route.ts',
    violations: ["import type { HistoryEntry } from '../../store/contact-store';", "import { fulfillmentCsv } from '../../store/fulfillment-csv';", 'export const f = (host: { store: unknown }) => host.store;'],
    allowed: ["import type { HistoryEntry, RuntimeHost } from '../../hosts/live/runtime-host';", "import { applyNow } from '../apply-now';", "import { codes } from '../../../errors';"],
  },
  {
    layer: 'the webview imports only the shared protocol, mermaid and itself',
    file: 'extension/webview/canvas/new-view.ts',
    violations: [
      "import { CanvasPanel } from '../../canvas/canvas-panel';", "import * as vscode from 'vscode';", "import { join } from 'node:path';",
      "import { toMermaid } from '../../../dsl/mermaid';", "import { simulate } from '../../../runtime/hosts/dry-run/simulate';", "import { DateTime } from 'luxon';",
    ],
    allowed: [
      "import type { CanvasHostMessage } from '../../protocol';", "import { badgesFor } from '../../shared/count-badges';", "import mermaid from 'mermaid';",
      "import { drawDiagram } from './draw';", "import { renderGantt } from '../dry-run/gantt-view';", "import { codes } from '../../../errors';",
    ],
  },
  {
    layer: 'the extension host never imports runtime/server internals',
    file: 'extension/runtime-control/new-control.ts',
    violations: ["import { buildApp } from '../../runtime/server/app';", "import { clockRoutes } from '../../runtime/server/routes/clock';"],
    allowed: ["import { readConfig } from '../../runtime/server/config';", "import { simulate } from '../../runtime/hosts/dry-run/simulate';", "import * as vscode from 'vscode';"],
  },
  {
    layer: 'errors/ imports nothing outside itself',
    file: 'errors/render.ts',
    violations: ["import type { Contact } from '../runtime/engine/model';", "import { Diagnostic } from '../dsl/validate/diagnostic';", "import { readFileSync } from 'node:fs';", "import Ajv from 'ajv';"],
    allowed: ["import { codes } from './codes';", "import type { Code } from './table/codes';"],
  },
];

describe('layer boundaries (eslint.config.mjs)', () => {
  for (const row of rows) {
    describe(row.layer, () => {
      it.each(row.violations)('refuses %s', async (code) => {
        expect(await boundaryErrors(row.file, code)).toHaveLength(1);
      });
      it.each(row.allowed)('allows %s', async (code) => {
        expect(await boundaryErrors(row.file, code)).toEqual([]);
      });
    });
  }

  it('the rules apply to the whole layer, not only the folder the example sits in', async () => {
    expect(await boundaryErrors('runtime/engine/run-contact.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(await boundaryErrors('runtime/hosts/dry-run/simulate.ts', "import * as vscode from 'vscode';")).toHaveLength(1);
    expect(await boundaryErrors('extension/webview/dry-run/main.ts', "import * as vscode from 'vscode';")).toHaveLength(1);
  });
});
