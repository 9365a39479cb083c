import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { Agency, DataCategory, Role } from '../../domain/enums';
import { Category } from '../../schema/category';
import { AboutVictim } from '../victim-binding';
import { Right } from './rights';

/**
 * That a victim was informed of their rights, as one agency recorded it in its own database (the agency kit's
 * table `rights_information`, in every agency that handles cases). Who informed them comes from the token of the
 * staff member who recorded it, never from the input. The same type in every subgraph (`@shareable`).
 */
@AboutVictim('victimId', 'RightsInformation')
@Directive('@shareable')
@ObjectType('RightsInformation', {
  description: 'That the victim was informed of their rights: which, in which language, with an interpreter or not, by whom, when.',
})
@Entity('rights_information')
@Check('rights_information_rights_check', 'cardinality(rights) > 0')
@Check('rights_information_language_check', "language ~ '^[a-z]{2}$'")
export class RightsInformationRecord {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('rights_information_victim_id_idx')
  @Column({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.RIGHTS_INFORMATION)
  @Field(() => Agency, { description: 'The agency that informed the victim (and holds this record).' })
  @Column({ type: 'text' })
  agency!: Agency;

  @Category(DataCategory.RIGHTS_INFORMATION)
  @Field(() => [Right], { description: 'The rights the victim was informed of.' })
  @Column({ type: 'text', array: true })
  rights!: Right[];

  @Category(DataCategory.RIGHTS_INFORMATION)
  @Field(() => String, { description: 'The language the victim was informed in (ISO 639-1, e.g. ro, en, vi).' })
  @Column({ type: 'text' })
  language!: string;

  @Category(DataCategory.RIGHTS_INFORMATION)
  @Field(() => Boolean, { description: 'Whether an interpreter took part.' })
  @Column({ type: 'boolean' })
  interpreter!: boolean;

  @Category(DataCategory.RIGHTS_INFORMATION)
  @Field(() => String, { description: 'Staff id of who informed the victim (the subject of their token), e.g. cw-oslo-1.' })
  @Column({ name: 'informed_by', type: 'text' })
  informedBy!: string;

  @Category(DataCategory.RIGHTS_INFORMATION)
  @Field(() => Role, { description: 'Their role, from their token.' })
  @Column({ name: 'informed_by_role', type: 'text' })
  informedByRole!: Role;

  @Category(DataCategory.RIGHTS_INFORMATION)
  @Field(() => Date, { description: 'When the victim was informed (never in the future).' })
  @Column({ name: 'informed_at', type: 'timestamptz' })
  informedAt!: Date;

  // When it was recorded, as opposed to when the victim was informed (it may be back-dated).
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
