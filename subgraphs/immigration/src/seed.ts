import type { DataSource } from 'typeorm';
import { type Caseload, insertInChunks } from '@hub/shared';
import { Permit, type PermitDecision, type PermitType } from './entities/permit';
import { ReflectionPeriod } from './entities/reflection-period';
import { VoluntaryReturn } from './entities/voluntary-return';

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Loads the immigration part of the demo caseload, in one transaction. */
export async function seedImmigration(dataSource: DataSource, caseload: Caseload): Promise<void> {
  const { reflectionPeriods, permits, returns } = caseload.immigration;
  await dataSource.transaction(async (tx) => {
    await insertInChunks(
      tx.getRepository(ReflectionPeriod),
      reflectionPeriods.map((r) => ({ ...r, grantedAt: new Date(r.grantedAt), endsAt: new Date(r.endsAt) })),
    );
    await insertInChunks(
      tx.getRepository(Permit),
      permits.map((p) => ({
        id: p.id,
        victimId: p.victimId,
        type: p.type as PermitType,
        appliedAt: new Date(p.appliedAt),
        decision: p.decision as PermitDecision,
        decidedAt: date(p.decidedAt),
        validFrom: date(p.validFrom),
        validUntil: date(p.validUntil),
      })),
    );
    await insertInChunks(
      tx.getRepository(VoluntaryReturn),
      returns.map((r) => ({ ...r, requestedAt: new Date(r.requestedAt), completedAt: date(r.completedAt) })),
    );
  });
}
