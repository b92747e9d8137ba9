/**
 * Where each step sits in the text: the IR knows only where a step's method
 * name starts (`.email(` → the `e`); the editor wants the whole call, to
 * underline it, to scroll it into view when a canvas node is clicked, and to know which
 * step the cursor is in. One syntax-only parse (no type check), so cheap on
 * every keystroke.
 */
import ts from 'typescript';

export interface StepCall {
  /** 1-based line and column of the method name, as in the IR's `source`. */
  line: number;
  column: number;
  /** Offsets of the call: from the method name to the closing parenthesis. */
  start: number;
  end: number;
}

export class StepCallIndex {
  private readonly calls: StepCall[] = [];
  private readonly byPosition = new Map<string, StepCall>();
  private readonly lineStarts: readonly number[];

  constructor(text: string, fileName = 'file.seq.ts') {
    const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    this.lineStarts = sf.getLineStarts();
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
        if (name) {
          const start = name.getStart(sf);
          const { line, character } = sf.getLineAndCharacterOfPosition(start);
          const call: StepCall = { line: line + 1, column: character + 1, start, end: node.getEnd() };
          this.calls.push(call);
          this.byPosition.set(`${call.line}:${call.column}`, call);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  /** The call whose method name starts at this IR position, if the text still has it there. */
  at(line: number, column: number): StepCall | undefined {
    return this.byPosition.get(`${line}:${column}`);
  }

  /**
   * The innermost call containing the offset whose name position is one of
   * `positions` (the steps' IR positions): the step the cursor is in.
   */
  innermostAt(offset: number, positions: ReadonlySet<string>): StepCall | undefined {
    let best: StepCall | undefined;
    for (const c of this.calls) {
      if (offset < c.start || offset > c.end) continue;
      if (!positions.has(`${c.line}:${c.column}`)) continue;
      if (!best || c.end - c.start < best.end - best.start) best = c;
    }
    return best;
  }

  offsetOf(line: number, column: number): number {
    return (this.lineStarts[line - 1] ?? 0) + column - 1;
  }
}
