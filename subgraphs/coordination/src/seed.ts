import type { DataSource } from 'typeorm';
import { type Caseload, insertInChunks } from '@hub/shared';
import { type ConsentForm, type ConsentGiver, ConsentGrant } from './entities/consent-grant';
import { ProblemReport, type ProblemTopic } from './entities/problem-report';
import { SupportEvent } from './entities/support-event';
import { Victim } from './entities/victim';

const date = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** Loads the registry part of the demo caseload, in one transaction. */
export async function seedCoordination(dataSource: DataSource, caseload: Caseload): Promise<void> {
  const { victims, consents, supportEvents, problemReports } = caseload.coordination;
  await dataSource.transaction(async (tx) => {
    await insertInChunks(
      tx.getRepository(Victim),
      victims.map((v) => ({
        id: v.id,
        alias: v.alias,
        birthYear: v.birthYear,
        gender: v.gender,
        nationalities: v.nationalities,
        languages: v.languages,
        minor: v.minor,
        region: v.region,
        exploitationForms: v.exploitationForms,
        coordinator: v.coordinator,
        identifiedAt: new Date(v.identifiedAt),
        identifyingAgency: v.identifyingAgency,
        indicatorsPresent: v.indicatorsPresent,
      })),
    );
    await insertInChunks(
      tx.getRepository(ConsentGrant),
      consents.map((c) => ({
        ...c,
        givenBy: c.givenBy as ConsentGiver,
        form: c.form as ConsentForm,
        validFrom: new Date(c.validFrom),
        validUntil: new Date(c.validUntil),
        // The demo records when a consent took effect and when it was recorded: it was given at the earlier.
        givenAt: new Date(Math.min(Date.parse(c.validFrom), Date.parse(c.recordedAt))),
        recordedAt: new Date(c.recordedAt),
        withdrawnAt: date(c.withdrawnAt),
        withdrawnBy: c.withdrawnAt ? c.recordedBy : null,
      })),
    );
    await insertInChunks(
      tx.getRepository(SupportEvent),
      supportEvents.map((e) => ({ ...e, at: new Date(e.at), dueAt: date(e.dueAt) })),
    );
    await insertInChunks(
      tx.getRepository(ProblemReport),
      problemReports.map((r) => ({
        ...r,
        topic: r.topic as ProblemTopic,
        reportedAt: new Date(r.reportedAt),
        resolvedAt: date(r.resolvedAt),
      })),
    );
  });
}
