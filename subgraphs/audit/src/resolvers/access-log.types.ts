import { IsOptional } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Agency, DataCategory, Purpose } from '@hub/shared';
import { AuditRecord } from '../entities/audit-record';

export enum ReviewOutcome {
  JUSTIFIED = 'JUSTIFIED',
  UNJUSTIFIED = 'UNJUSTIFIED',
  NEEDS_FOLLOW_UP = 'NEEDS_FOLLOW_UP',
}
registerEnumType(ReviewOutcome, { name: 'ReviewOutcome', description: "Audit staff's finding on an emergency access." });

@InputType({ description: 'Access-log search; every condition given must hold.' })
export class AccessLogFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() victimId?: string;
  @Field(() => String, { nullable: true, description: 'Staff id.' }) @IsOptional() actor?: string;
  @Field(() => Agency, { nullable: true }) @IsOptional() actorAgency?: Agency;
  @Field(() => String, { nullable: true, description: 'Service that wrote the record.' }) @IsOptional() subgraph?: string;
  @Field(() => String, { nullable: true, description: 'A field read or refused: `alias` (any type) or `Victim.alias`.' }) @IsOptional() field?: string;
  @Field(() => DataCategory, { nullable: true }) @IsOptional() category?: DataCategory;
  @Field(() => String, { nullable: true, description: 'ALLOW, DENY or PARTIAL.' }) @IsOptional() decision?: string;
  @Field(() => Purpose, { nullable: true }) @IsOptional() purpose?: Purpose;
  @Field(() => String, { nullable: true, description: 'FIELD_ACCESS, OPERATION or REVIEW.' }) @IsOptional() kind?: string;
  @Field(() => String, { nullable: true }) @IsOptional() requestId?: string;
  @Field(() => Date, { nullable: true, description: 'From this time on (inclusive).' }) @IsOptional() from?: Date;
  @Field(() => Date, { nullable: true, description: 'Before this time (exclusive).' }) @IsOptional() to?: Date;
}

@ObjectType()
export class AccessRecordEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AuditRecord) node!: AuditRecord;
}

@ObjectType()
export class AccessLogPageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType({ description: 'A page of the access log, newest first.' })
export class AccessRecordConnection {
  @Field(() => [AccessRecordEdge]) edges!: AccessRecordEdge[];
  @Field(() => AccessLogPageInfo) pageInfo!: AccessLogPageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType({ description: 'The result of verifying the access log against its signed and witnessed tree heads.' })
export class ChainVerification {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => Int) checkedRecords!: number;
  @Field(() => ID, { nullable: true, description: 'The first record that no longer fits the log.' }) firstBadRecord!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Int, { description: 'Signed tree heads the recomputed tree was compared with.' }) checkpointsChecked!: number;
  @Field(() => Int, { description: 'Size of the largest witness-cosigned head the log matched (0: none).' }) witnessedSize!: number;
  @Field(() => Int, { description: 'Records in the recomputed tree, archived ones included.' }) treeSize!: number;
  @Field(() => Int, { description: 'Records of archived months, taken from the stored tree.' }) archivedRecords!: number;
  @Field(() => String, { description: 'FULL (replay from record 1) or INCREMENTAL (from the last verified head).' }) mode!: string;
}
