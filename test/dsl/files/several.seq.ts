// Several sequences in one file: a default export, a named one, and a list.
import { sequence, start } from 'nudge';

export const first = sequence('first', { name: 'First', paths: [start().applyTag('One')] });

export const more = [
  sequence('second', { name: 'Second', paths: [start().applyTag('Two')] }),
  sequence('third', { name: 'Third', paths: [start().applyTag('Three')] }),
];

export default first;
