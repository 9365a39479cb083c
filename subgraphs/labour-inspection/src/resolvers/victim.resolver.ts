import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Category, DataCategory, type SubgraphContext } from '@hub/shared';
import { BackPayClaim } from '../entities/back-pay-claim';
import { PoliceReferral } from '../entities/police-referral';
import { Sanction } from '../entities/sanction';
import { WorkplaceInspection } from '../entities/workplace-inspection';
import { labourRecords } from './labour-records';
import { Victim } from './victim';

@Resolver(() => Victim)
export class VictimLabourInspectionResolver {
  @Category(DataCategory.LABOUR_CASE)
  @FieldResolver(() => [WorkplaceInspection], { nullable: true, description: 'Workplace inspections in which the person was found working.' })
  workplaceInspections(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<WorkplaceInspection[]> {
    return labourRecords(ctx).inspections.load(victim.id);
  }

  @Category(DataCategory.LABOUR_CASE)
  @FieldResolver(() => [Sanction], { nullable: true, description: 'Sanctions imposed on the employers after those inspections.' })
  labourSanctions(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<Sanction[]> {
    return labourRecords(ctx).sanctions.load(victim.id);
  }

  @Category(DataCategory.LABOUR_CASE)
  @FieldResolver(() => [PoliceReferral], { nullable: true, description: "Inspections' findings referred to the police." })
  labourPoliceReferrals(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<PoliceReferral[]> {
    return labourRecords(ctx).referrals.load(victim.id);
  }

  @Category(DataCategory.LABOUR_CASE)
  @FieldResolver(() => [BackPayClaim], { nullable: true, description: 'Back-pay and compensation claims for the victim.' })
  backPayClaims(@Root() victim: Victim, @Ctx() ctx: SubgraphContext): Promise<BackPayClaim[]> {
    return labourRecords(ctx).claims.load(victim.id);
  }
}
