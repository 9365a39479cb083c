import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Category, DataCategory, AboutVictim } from '@hub/shared';

/**
 * The coarse health picture of a victim that coordination needs for the support path: no findings.
 * One row per victim; a victim the health service holds nothing about reads as all-false.
 */
@AboutVictim('victimId')
@ObjectType({ description: "Coarse health status of a victim (has a GP, assessed, needs follow-up); never a finding." })
@Entity('health_summary')
export class HealthSummary {
  // Not a GraphQL field: the parent Victim says whose summary it is; enforcement reads it from here.
  @PrimaryColumn({ name: 'victim_id', type: 'text' })
  victimId!: string;

  @Category(DataCategory.HEALTH_SUMMARY)
  @Field(() => Boolean, { description: 'Whether the victim is registered with a GP (fastlege).' })
  @Column({ name: 'has_gp', type: 'boolean' })
  hasGp!: boolean;

  @Category(DataCategory.HEALTH_SUMMARY)
  @Field(() => Boolean, { description: 'Whether at least one health assessment has been done.' })
  @Column({ name: 'assessment_done', type: 'boolean' })
  assessmentDone!: boolean;

  @Category(DataCategory.HEALTH_SUMMARY)
  @Field(() => Boolean, { description: 'Whether the health service has planned follow-up.' })
  @Column({ name: 'follow_up_needed', type: 'boolean' })
  followUpNeeded!: boolean;

  @Category(DataCategory.HEALTH_SUMMARY)
  @Field(() => Date, { nullable: true, description: 'Latest contact with the health service, if any.' })
  @Column({ name: 'last_contact_at', type: 'timestamptz', nullable: true })
  lastContactAt!: Date | null;
}

/** What a victim the health service holds nothing about looks like: the same shape as a held summary. */
export const emptyHealthSummary = (victimId: string): HealthSummary =>
  Object.assign(new HealthSummary(), {
    victimId,
    hasGp: false,
    assessmentDone: false,
    followUpNeeded: false,
    lastContactAt: null,
  });
