import type { DataSource } from 'typeorm';
import type { Caseload } from '@hub/shared';
import { ChildWelfareMeasure, type ChildWelfareMeasureKind } from './entities/child-welfare-measure';
import { Guardianship } from './entities/guardianship';

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Loads the child-welfare part of the demo caseload, in one transaction. */
export async function seedChildWelfare(dataSource: DataSource, caseload: Caseload): Promise<void> {
  const { guardians, measures } = caseload.childWelfare;
  await dataSource.transaction(async (tx) => {
    await tx.getRepository(Guardianship).insert(
      guardians.map((g) => ({ ...g, appointedAt: new Date(g.appointedAt), endedAt: date(g.endedAt) })),
    );
    await tx.getRepository(ChildWelfareMeasure).insert(
      measures.map((m) => ({
        ...m,
        kind: m.kind as ChildWelfareMeasureKind,
        decidedAt: new Date(m.decidedAt),
        endedAt: date(m.endedAt),
      })),
    );
  });
}
