// Throws while it is evaluated: the loader must name this file and the line of the throw.
import { sequence, start } from 'nudge';

function lookUpPriceList(): number {
  throw new Error('price list service unavailable'); // line 5
}

const price = lookUpPriceList();

export default sequence('throws', {
  name: 'Throws at load',
  paths: [start().createOrder({ items: [{ product: 'kit', price }], payment: 'autocharge' })],
});
