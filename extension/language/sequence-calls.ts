/**
 * Where the file calls `sequence(...)`: the CodeLens goes above each. A
 * syntax-only parse, so it works on text that does not type-check yet.
 */
import ts from 'typescript';

export function sequenceCallOffsets(text: string, fileName = 'file.seq.ts'): number[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'sequence') {
      found.push(node.getStart(sf));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
