// Never finishes evaluating: the loader must give up after its time limit.
import { sequence, start } from 'nudge';

let n = 0;
while (n >= 0) n = (n + 1) % 1000;

export default sequence('loops', { name: 'Loops forever', paths: [start().applyTag('never')] });
