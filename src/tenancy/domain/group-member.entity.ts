import { Entity, PrimaryColumn } from 'typeorm';

@Entity('group_member')
export class GroupMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  groupId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;
}
