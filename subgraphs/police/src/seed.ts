import type { DataSource } from 'typeorm';
import { type Caseload, insertInChunks } from '@hub/shared';
import { Cooperation } from './entities/cooperation';
import { Investigation, type InvestigationStatus } from './entities/investigation';
import { Testimony } from './entities/testimony';

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Loads the police part of the demo caseload, in one transaction. */
export async function seedPolice(dataSource: DataSource, caseload: Caseload): Promise<void> {
  const { investigations, cooperation, testimonies } = caseload.police;
  await dataSource.transaction(async (tx) => {
    await insertInChunks(
      tx.getRepository(Investigation),
      investigations.map((i) => ({
        id: i.id,
        victimId: i.victimId,
        caseNumber: i.caseNumber,
        district: i.district,
        offences: i.offences,
        status: i.status as InvestigationStatus,
        reportedAt: new Date(i.reportedAt),
        openedAt: new Date(i.openedAt),
        chargedAt: date(i.chargedAt),
        verdictAt: date(i.verdictAt),
        closedAt: date(i.closedAt),
      })),
    );
    await insertInChunks(tx.getRepository(Cooperation), cooperation.map((c) => ({ victimId: c.victimId, since: new Date(c.since) })));
    await insertInChunks(
      tx.getRepository(Testimony),
      testimonies.map((t) => ({ ...t, givenAt: new Date(t.givenAt) })),
    );
  });
}
