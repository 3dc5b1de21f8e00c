import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Runs `work` in a transaction and counts the round trips it makes on the transaction's connection
 * (queries and COPYs sent through the driver, whether through TypeORM or the client itself).
 */
export async function countRoundTrips<T>(tx: EntityManager, work: () => Promise<T>): Promise<{ result: T; roundTrips: number }> {
  const client = (await tx.queryRunner!.connect()) as PoolClient;
  const query = client.query;
  let roundTrips = 0;
  client.query = ((...args: unknown[]) => {
    roundTrips++;
    return (query as (...a: unknown[]) => unknown).apply(client, args);
  }) as typeof client.query;
  try {
    return { result: await work(), roundTrips };
  } finally {
    client.query = query;
  }
}
