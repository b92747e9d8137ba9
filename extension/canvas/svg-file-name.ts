/** Where Export SVG proposes to save: `lead-welcome.seq.ts` → `lead-welcome.svg`, in the same folder. (Pure, for tests.) */
export function defaultSvgPath(fileName: string): string {
  return fileName.replace(/(\.seq)?\.[cm]?[jt]s$/i, '') + '.svg';
}
