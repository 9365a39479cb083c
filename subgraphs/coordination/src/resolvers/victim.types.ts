import { IsOptional } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Agency, AlertKind, Category, DataCategory, ExploitationForm, Region, Stage, AboutVictim } from '@hub/shared';
import { Victim } from '../entities/victim';

@AboutVictim('victimId')
@ObjectType({ description: 'An indicator of the national list, as assessed at identification.' })
export class IndicatorAssessment {
  victimId!: string;

  @Category(DataCategory.IDENTIFICATION)
  @Field(() => String)
  code!: string;

  @Category(DataCategory.IDENTIFICATION)
  @Field(() => String)
  label!: string;

  @Category(DataCategory.IDENTIFICATION)
  @Field(() => Boolean)
  present!: boolean;
}

@AboutVictim('victimId')
@ObjectType({ description: 'When, by whom and on which indicators the person was identified as a presumed victim.' })
export class Identification {
  victimId!: string;

  @Category(DataCategory.IDENTIFICATION)
  @Field(() => Date)
  identifiedAt!: Date;

  @Category(DataCategory.IDENTIFICATION)
  @Field(() => Agency)
  identifyingAgency!: Agency;

  @Category(DataCategory.IDENTIFICATION)
  @Field(() => [IndicatorAssessment], { description: 'Every indicator of the national list, present or not.' })
  indicators!: IndicatorAssessment[];
}

@ObjectType()
export class VictimEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Victim)
  node!: Victim;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ description: 'A page of the caseload. Only victims whose case status the caller may read are listed or counted.' })
export class VictimConnection {
  @Field(() => [VictimEdge])
  edges!: VictimEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Victims matching the filter that the caller may see.' })
  totalCount!: number;
}

@InputType({ description: 'Caseload filter; every condition must hold. Filtering on minor needs IDENTITY access too.' })
export class VictimFilter {
  @Field(() => Region, { nullable: true }) @IsOptional() region?: Region;
  @Field(() => Stage, { nullable: true }) @IsOptional() stage?: Stage;
  @Field(() => Boolean, { nullable: true }) @IsOptional() minor?: boolean;
  @Field(() => ExploitationForm, { nullable: true }) @IsOptional() exploitationForm?: ExploitationForm;
  @Field(() => AlertKind, { nullable: true }) @IsOptional() alert?: AlertKind;
}
