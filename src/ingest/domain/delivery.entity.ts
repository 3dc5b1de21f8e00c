import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DeliveryOutcome, DeliveryStage } from './delivery-stage';

const bigint = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** One SIP delivered by a producer, from announcement to receipt. */
@Entity('delivery')
export class DeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The producer's Idempotency-Key: the same key returns the same delivery. */
  @Column({ type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** Hash of the announcement, so a reused key with different content is refused. */
  @Column({ type: 'text' })
  requestHash!: string;

  /** Principal id (API client or user) that announced it. */
  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'text' })
  informationTypeId!: string;

  @Column({ type: 'text' })
  sourceSystem!: string;

  @Column({ type: 'text', nullable: true })
  submissionAgreement!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigint })
  expectedSize!: number | null;

  /** "sha256:<hex>" (or sha512/md5) of the package file as sent. */
  @Column({ type: 'text', nullable: true })
  expectedChecksum!: string | null;

  /** Upload-Length announced when the tus upload was created. */
  @Column({ type: 'bigint', nullable: true, transformer: bigint })
  uploadLength!: number | null;

  @Column({ type: 'bigint', transformer: bigint })
  receivedBytes!: number;

  @Column({ type: 'text' })
  stage!: DeliveryStage;

  @Column({ type: 'text', nullable: true })
  outcome!: DeliveryOutcome | null;

  @Column({ type: 'text', nullable: true })
  sipObjid!: string | null;

  @Column({ type: 'text', nullable: true })
  sipKind!: string | null;

  @Column({ type: 'uuid', nullable: true })
  aipId!: string | null;

  @Column({ type: 'integer', nullable: true })
  aipVersion!: number | null;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ type: 'timestamptz', nullable: true })
  quarantineUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** When the delivery was admitted to processing (see DeliveryRepository.admit). */
  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
