import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role, Tier } from '../../platform/context/access';

/** user or group × tenant × information type × tier × role. Nothing is allowed without one. */
@Entity('access_grant')
export class AccessGrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 63, nullable: true })
  tenantId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  groupId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ type: 'varchar', length: 63, nullable: true })
  informationTypeId!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  tier!: Tier | null;

  @Column({ type: 'text', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
