import type { DataSource } from 'typeorm';
import type { Caseload } from '@hub/shared';
import { AssistanceDecision } from './entities/assistance-decision';
import { AssistanceMeasure, type AssistanceMeasureKind } from './entities/assistance-measure';
import { Placement } from './entities/placement';
import { Shelter, type ShelterGroup } from './entities/shelter';

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Loads the social services part of the demo caseload, in one transaction. */
export async function seedSocialServices(dataSource: DataSource, caseload: Caseload): Promise<void> {
  const { shelters, placements, measures, assistanceDecisions } = caseload.socialServices;
  await dataSource.transaction(async (tx) => {
    await tx.getRepository(Shelter).insert(shelters.map((s) => ({ ...s, accepts: s.accepts as ShelterGroup[] })));
    await tx.getRepository(Placement).insert(
      placements.map((p) => ({ ...p, from: new Date(p.from), until: date(p.until) })),
    );
    await tx.getRepository(AssistanceMeasure).insert(
      measures.map((m) => ({
        ...m,
        kind: m.kind as AssistanceMeasureKind,
        startedAt: new Date(m.startedAt),
        endedAt: date(m.endedAt),
      })),
    );
    await tx.getRepository(AssistanceDecision).insert(
      assistanceDecisions.map((d) => ({ ...d, decidedAt: new Date(d.decidedAt) })),
    );
  });
}
