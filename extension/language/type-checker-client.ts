/**
 * The host's side of the type-check worker: one worker for the session,
 * started on first use and restarted if it dies, answering `check` with the
 * file's TypeScript diagnostics. No `vscode` import, so tests and the preview
 * benchmark use it as the extension does.
 */
import { Worker } from 'node:worker_threads';
import type { TsDiagnostic } from './sequence-language-service';
import type { TypeCheckReply, TypeCheckRequest } from './type-check-protocol';

type Pending = { resolve: (d: TsDiagnostic[]) => void; reject: (e: Error) => void };

export class TypeCheckerClient {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** @param workerFile the built dist/type-check-worker.js */
  constructor(private readonly workerFile: string) {}

  check(fileName: string, text: string, version: number): Promise<TsDiagnostic[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'check', id, fileName, text, version });
    });
  }

  close(fileName: string): void {
    if (this.worker) this.post({ type: 'close', fileName });
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    this.failAll(new Error('The type checker was stopped.'));
  }

  private post(req: TypeCheckRequest): void {
    this.ensureWorker().postMessage(req);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile);
    worker.unref();
    worker.on('message', (reply: TypeCheckReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.diagnostics);
      else p.reject(new Error(reply.message));
    });
    const died = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined; // the next check starts a fresh one
      this.failAll(err);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`The type checker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
