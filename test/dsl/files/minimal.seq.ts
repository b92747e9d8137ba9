// The smallest valid file; loader.test.ts also loads it with unsaved `contents`.
import { sequence, start } from 'nudge';

export default sequence('on-disk', {
  name: 'As saved on disk',
  paths: [start().applyTag('Saved')],
});
