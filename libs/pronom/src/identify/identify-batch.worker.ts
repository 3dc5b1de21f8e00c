import { parentPort, workerData } from 'node:worker_threads';
import { FormatIdentifier, IdentifierOptions } from './format-identifier';
import type { IdentifyBatch, IdentifyBatchResult } from './threaded-identifier';

/** The thread of a ThreadedIdentifier: identifies each batch of whole files it is sent, in order. */
const port = parentPort;
if (port) {
  const identifier = FormatIdentifier.create(workerData as IdentifierOptions);
  let queue = Promise.resolve();
  port.on('message', (batch: IdentifyBatch) => {
    queue = queue.then(async () => {
      let answer: IdentifyBatchResult;
      try {
        const id = await identifier;
        const data = Buffer.from(batch.data);
        const results = [];
        for (let i = 0, offset = 0; i < batch.names.length; offset += batch.sizes[i], i++) {
          const file = data.subarray(offset, offset + batch.sizes[i]);
          results.push(await id.identifyBuffer(file, file, file.length, batch.names[i]));
        }
        answer = { id: batch.id, results, signatures: id.versions.signatures };
      } catch (e) {
        answer = { id: batch.id, error: e instanceof Error ? e.message : String(e) };
      }
      port.postMessage(answer);
    });
  });
}
