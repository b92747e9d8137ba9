/**
 * The warm TypeScript language service, in a worker thread: type-checking a
 * long chain of generic DSL calls can take a few hundred milliseconds, which
 * must not stall the editor's extension host. Requests are answered in order.
 */
import { parentPort } from 'node:worker_threads';
import { SequenceLanguageService } from './sequence-language-service';
import type { TypeCheckReply, TypeCheckRequest } from './type-check-protocol';

const service = new SequenceLanguageService();

parentPort?.on('message', (req: TypeCheckRequest) => {
  if (req.type === 'close') {
    service.close(req.fileName);
    return;
  }
  let reply: TypeCheckReply;
  try {
    service.update(req.fileName, req.text, req.version);
    reply = { id: req.id, ok: true, diagnostics: service.diagnostics(req.fileName) };
  } catch (err) {
    reply = { id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
