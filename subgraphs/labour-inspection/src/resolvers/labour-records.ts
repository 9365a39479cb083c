import { type SubgraphContext, recordsByVictim } from '@hub/shared';
import { BackPayClaim } from '../entities/back-pay-claim';
import { PoliceReferral } from '../entities/police-referral';
import { Sanction } from '../entities/sanction';
import { WorkplaceInspection } from '../entities/workplace-inspection';

/** Per-request batched reads of the labour inspection records of many victims: one statement per table. */
export const labourRecords = (ctx: SubgraphContext) => ({
  inspections: recordsByVictim(ctx, WorkplaceInspection, { inspectedAt: 'ASC', id: 'ASC' }),
  sanctions: recordsByVictim(ctx, Sanction, { imposedAt: 'ASC', id: 'ASC' }),
  referrals: recordsByVictim(ctx, PoliceReferral, { referredAt: 'ASC', id: 'ASC' }),
  claims: recordsByVictim(ctx, BackPayClaim, { filedAt: 'ASC', id: 'ASC' }),
});
