import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { type AccessDecision, Agency, AlertKind, Category, DataCategory, Stage, AboutVictim } from '@hub/shared';
import { SupportEvent } from '../entities/support-event';
import { DeadlineKind } from './support-path';

registerEnumType(DeadlineKind, { name: 'DeadlineKind', description: 'What falls due at a deadline.' });

@AboutVictim('victimId')
@ObjectType({ description: 'The next date by which something must happen on the support path.' })
export class Deadline {
  victimId!: string;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => DeadlineKind)
  kind!: DeadlineKind;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Date)
  dueAt!: Date;
}

@AboutVictim('victimId')
@ObjectType({ description: 'Something on the support path that needs attention now.' })
export class Alert {
  victimId!: string;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => AlertKind)
  kind!: AlertKind;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => String)
  message!: string;
}

@ObjectType({
  description:
    "Whether an agency's events may be shown to the caller. `shared: false` reads \"not shared\": the same whether or not that agency holds anything.",
})
@AboutVictim('victimId')
export class AgencySharing {
  victimId!: string;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Agency)
  agency!: Agency;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Boolean)
  shared!: boolean;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Boolean, {
    description: 'Whether its rights-information events (RIGHTS_INFORMED, category RIGHTS_INFORMATION) are shown; false reads "not shared".',
  })
  rightsInformationShared!: boolean;
}

/** Whether one agency's events (of `category`) and, for an agency that handles cases, its rights information are shown. */
export interface PathSharing {
  agency: Agency;
  category: DataCategory;
  events: AccessDecision;
  rightsInformation: AccessDecision | null;
}

@AboutVictim('victimId')
@ObjectType({ description: "One victim's path through the agencies: merged timeline, stage, next deadline, alerts." })
export class SupportPath {
  victimId!: string;

  /** The decisions behind `events` and `agencies`, per agency; noted for the access log when one of them leaves. */
  sharing!: PathSharing[];

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Stage)
  stage!: Stage;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => [SupportEvent], { description: 'Events of every agency the caller may see, oldest first.' })
  events!: SupportEvent[];

  @Category(DataCategory.CASE_STATUS)
  @Field(() => Deadline, { nullable: true })
  nextDeadline!: Deadline | null;

  @Category(DataCategory.CASE_STATUS)
  @Field(() => [Alert])
  alerts!: Alert[];

  @Category(DataCategory.CASE_STATUS)
  @Field(() => [AgencySharing], { description: 'Per agency, whether its events are shown or "not shared".' })
  agencies!: AgencySharing[];
}
