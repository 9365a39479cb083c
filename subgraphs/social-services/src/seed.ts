import type { DataSource } from 'typeorm';
import { type Caseload, insertInChunks } from '@hub/shared';
import { AssistanceDecision } from './entities/assistance-decision';
import { AssistanceMeasure, type AssistanceMeasureKind } from './entities/assistance-measure';
import { Placement } from './entities/placement';
import { Shelter, type ShelterGroup } from './entities/shelter';

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Loads the social services part of the demo caseload, in one transaction. */
export async function seedSocialServices(dataSource: DataSource, caseload: Caseload): Promise<void> {
  const { shelters, placements, measures, assistanceDecisions } = caseload.socialServices;
  await dataSource.transaction(async (tx) => {
    await insertInChunks(tx.getRepository(Shelter), shelters.map((s) => ({ ...s, accepts: s.accepts as ShelterGroup[] })));
    await insertInChunks(
      tx.getRepository(Placement),
      placements.map((p) => ({ ...p, from: new Date(p.from), until: date(p.until) })),
    );
    await insertInChunks(
      tx.getRepository(AssistanceMeasure),
      measures.map((m) => ({
        ...m,
        kind: m.kind as AssistanceMeasureKind,
        startedAt: new Date(m.startedAt),
        endedAt: date(m.endedAt),
      })),
    );
    await insertInChunks(
      tx.getRepository(AssistanceDecision),
      assistanceDecisions.map((d) => ({ ...d, decidedAt: new Date(d.decidedAt) })),
    );
  });
}
