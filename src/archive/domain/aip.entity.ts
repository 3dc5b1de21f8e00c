import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type AipTier = 'intermediate' | 'final';
export type AipStatus = 'active' | 'superseded' | 'disposed';

/** One archived AIP in the catalogue: what was stored where, from which delivery. */
@Entity('aip')
export class AipEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The OCFL object id in preservation storage (urn:samarkiv:<tenant>:aip:<uuid>). */
  @Column({ type: 'text' })
  objectId!: string;

  @Column({ type: 'uuid' })
  deliveryId!: string;

  /** mets/@OBJID of the submitted SIP. */
  @Column({ type: 'text' })
  sipObjid!: string;

  @Column({ type: 'text' })
  informationTypeId!: string;

  @Column({ type: 'text' })
  sourceSystem!: string;

  @Column({ type: 'text' })
  tier!: AipTier;

  /** 1 for the first delivery of a SIP OBJID, n+1 for each later one the tenant accepts. */
  @Column({ type: 'integer' })
  version!: number;

  /** The storage layer's version of the object (OCFL "v1"). */
  @Column({ type: 'text' })
  storedVersion!: string;

  @Column({ type: 'integer' })
  fileCount!: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  totalBytes!: number;

  @Column({ type: 'integer' })
  recordCount!: number;

  @Column({ type: 'text' })
  status!: AipStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
