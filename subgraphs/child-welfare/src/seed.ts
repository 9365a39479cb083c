import type { DataSource } from 'typeorm';
import { type Caseload, insertInChunks } from '@hub/shared';
import { ChildWelfareMeasure, type ChildWelfareMeasureKind } from './entities/child-welfare-measure';
import { Guardianship } from './entities/guardianship';

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Loads the child-welfare part of the demo caseload, in one transaction. */
export async function seedChildWelfare(dataSource: DataSource, caseload: Caseload): Promise<void> {
  const { guardians, measures } = caseload.childWelfare;
  await dataSource.transaction(async (tx) => {
    await insertInChunks(
      tx.getRepository(Guardianship),
      guardians.map((g) => ({ ...g, appointedAt: new Date(g.appointedAt), endedAt: date(g.endedAt) })),
    );
    await insertInChunks(
      tx.getRepository(ChildWelfareMeasure),
      measures.map((m) => ({
        ...m,
        kind: m.kind as ChildWelfareMeasureKind,
        decidedAt: new Date(m.decidedAt),
        endedAt: date(m.endedAt),
      })),
    );
  });
}
