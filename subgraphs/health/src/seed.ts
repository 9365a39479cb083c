import type { DataSource } from 'typeorm';
import { type Caseload, insertInChunks } from '@hub/shared';
import { HealthAssessment } from './entities/health-assessment';
import { HealthSummary } from './entities/health-summary';

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Loads the health part of the demo caseload, in one transaction. */
export async function seedHealth(dataSource: DataSource, caseload: Caseload): Promise<void> {
  const { summaries, assessments } = caseload.health;
  await dataSource.transaction(async (tx) => {
    await insertInChunks(tx.getRepository(HealthSummary), summaries.map((s) => ({ ...s, lastContactAt: date(s.lastContactAt) })));
    await insertInChunks(tx.getRepository(HealthAssessment), assessments.map((a) => ({ ...a, assessedAt: new Date(a.assessedAt) })));
  });
}
