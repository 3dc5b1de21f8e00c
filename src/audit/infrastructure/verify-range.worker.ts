import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { chainRangeSql, toEntryFromArray } from './audit-row';
import { verifyRange } from './verify-range';

/** One seq range of a chain, verified on its own thread with its own connection. */
export interface VerifyRangeJob {
  url: string;
  chainKey: string;
  after: number;
  upTo: number;
  anchors: Array<[number, string]>;
  trustFirstLink: boolean;
  from: string | null;
}

async function run(job: VerifyRangeJob): Promise<void> {
  const client = new Client({ connectionString: job.url, application_name: 'samarkiv-verify' });
  await client.connect();
  try {
    const fetch = async (after: number, upTo: number, notBefore: Date | null) => {
      const res = await client.query<unknown[]>({ text: chainRangeSql(notBefore !== null), values: notBefore ? [job.chainKey, after, upTo, notBefore] : [job.chainKey, after, upTo], rowMode: 'array' });
      return res.rows.map(toEntryFromArray);
    };
    const result = await verifyRange(fetch, new Map(job.anchors), job.after, job.upTo, job.trustFirstLink, job.from ? new Date(job.from) : null);
    parentPort!.postMessage({ ok: true, result });
  } finally {
    await client.end();
  }
}

run(workerData as VerifyRangeJob).catch((err: unknown) => parentPort!.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }));
