import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { CanonicalRecord } from '@samarkiv/records';

const BATCH = 1000;

/** Reads records.jsonl (one CanonicalRecord per line) back in batches for the index. */
export async function* recordBatches(input: Readable): AsyncIterable<CanonicalRecord[]> {
  let batch: CanonicalRecord[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    batch.push(JSON.parse(line) as CanonicalRecord);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
