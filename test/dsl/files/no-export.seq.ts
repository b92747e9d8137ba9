// Builds a sequence but forgets to export it.
import { sequence, start } from 'nudge';

export const helper = start().applyTag('Lead');
export const count = 3;

sequence('forgotten', { name: 'Not exported', paths: [helper] });
