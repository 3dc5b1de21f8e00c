import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';

/** Every writer holds this key shared; a full staging cleanup needs it exclusively (no writer anywhere). */
const WRITERS_KEY = 'samarkiv:storage-writers';

/**
 * Cluster-wide locks in PostgreSQL (session advisory locks on a dedicated connection): one writer
 * per object, and full staging recovery only while nobody writes. A killed process's connection
 * closes and its locks go with it.
 */
@Injectable()
export class WriteLocks {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  withObjectLock<T>(objectId: string, fn: () => Promise<T>): Promise<T> {
    return this.session(async (qr) => {
      await qr.query(`SELECT pg_advisory_lock_shared(hashtextextended($1, 0))`, [WRITERS_KEY]);
      await qr.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [`samarkiv:object:${objectId}`]);
      return true;
    }, fn) as Promise<T>;
  }

  /** Runs fn only when no writer is active anywhere; otherwise returns undefined at once. */
  whenNoWriters<T>(fn: () => Promise<T>): Promise<T | undefined> {
    return this.session(async (qr) => {
      const [{ locked }] = (await qr.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [WRITERS_KEY])) as Array<{ locked: boolean }>;
      return locked;
    }, fn);
  }

  private async session<T>(acquire: (qr: QueryRunner) => Promise<boolean>, fn: () => Promise<T>): Promise<T | undefined> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      if (!(await acquire(qr))) return undefined;
      try {
        return await fn();
      } finally {
        await qr.query(`SELECT pg_advisory_unlock_all()`);
      }
    } finally {
      await qr.release();
    }
  }
}
