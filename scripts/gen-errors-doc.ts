// Writes docs/errors.md from the error table (npm run docs:errors).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderErrorsDoc } from '../errors/errors-doc';

const out = resolve(__dirname, '..', 'docs', 'errors.md');
writeFileSync(out, renderErrorsDoc());
process.stdout.write(`wrote ${out}\n`);
