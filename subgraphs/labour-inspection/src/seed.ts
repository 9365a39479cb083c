import type { DataSource } from 'typeorm';
import { type Caseload, insertInChunks } from '@hub/shared';
import { BackPayClaim, type ClaimKind, type ClaimStatus } from './entities/back-pay-claim';
import { PoliceReferral } from './entities/police-referral';
import { Sanction, type SanctionKind } from './entities/sanction';
import { type LabourIndicator, type Sector, WorkplaceInspection } from './entities/workplace-inspection';

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Loads the labour inspection part of the demo caseload, in one transaction. */
export async function seedLabourInspection(dataSource: DataSource, caseload: Caseload): Promise<void> {
  const { inspections, sanctions, referrals, claims } = caseload.labourInspection;
  await dataSource.transaction(async (tx) => {
    await insertInChunks(
      tx.getRepository(WorkplaceInspection),
      inspections.map((i) => ({
        ...i,
        sector: i.sector as Sector,
        indicatorsFound: i.indicatorsFound as LabourIndicator[],
        inspectedAt: new Date(i.inspectedAt),
      })),
    );
    await insertInChunks(
      tx.getRepository(Sanction),
      sanctions.map((s) => ({ ...s, kind: s.kind as SanctionKind, imposedAt: new Date(s.imposedAt) })),
    );
    await insertInChunks(tx.getRepository(PoliceReferral), referrals.map((r) => ({ ...r, referredAt: new Date(r.referredAt) })));
    await insertInChunks(
      tx.getRepository(BackPayClaim),
      claims.map((c) => ({
        ...c,
        kind: c.kind as ClaimKind,
        status: c.status as ClaimStatus,
        filedAt: new Date(c.filedAt),
        decidedAt: date(c.decidedAt),
      })),
    );
  });
}
