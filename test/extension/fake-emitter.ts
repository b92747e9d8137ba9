/** A stand-in for vscode.EventEmitter in tests that mock `vscode`: listeners called in order, disposable. */
type Listener<T> = (value: T) => unknown;

export class Emitter<T> {
  private listeners: Array<Listener<T>> = [];
  event = (l: Listener<T>) => { this.listeners.push(l); return { dispose: () => { this.listeners = this.listeners.filter((x) => x !== l); } }; };
  fire(value: T): void { for (const l of [...this.listeners]) l(value); }
  dispose(): void { this.listeners = []; }
}
