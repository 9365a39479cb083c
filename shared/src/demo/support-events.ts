import { agencyEntries } from '../agencies/agency-registry';
import { type Agency, SupportEventKind as Kind } from '../domain/enums';
import type { Caseload, SupportEventRecord } from './caseload-types';
import type { IdFactory } from './ids';

type Draft = Omit<SupportEventRecord, 'id'>;
type RecordsWithoutEvents = Omit<Caseload, 'coordination' | 'rightsInformation'> & {
  coordination: Omit<Caseload['coordination'], 'supportEvents'>;
};

/** The agency whose records each kind of milestone comes from (the agency registry's `eventKinds`). */
const ownerOf = Object.fromEntries(agencyEntries.flatMap((e) => e.eventKinds.map((kind) => [kind, e.agency]))) as Record<Kind, Agency>;

/**
 * Coarse on purpose: never a shelter, an address or a clinical detail, and nothing from another category
 * (who identified the victim is IDENTIFICATION, who gave consent is CONSENT).
 */
const summaryOf: Partial<Record<Kind, string>> = {
  IDENTIFIED: 'Identified as a presumed victim',
  CONSENT_GIVEN: 'Consent to share data given',
  CONSENT_WITHDRAWN: 'Consent withdrawn',
  REPORT_FILED: 'Police report filed',
  INVESTIGATION_OPENED: 'Investigation opened',
  COOPERATION_STARTED: 'Started cooperating with the police',
  CHARGES_FILED: 'Charges filed',
  VERDICT: 'Verdict',
  TESTIMONY_GIVEN: 'Gave evidence in court',
  REFLECTION_PERIOD_GRANTED: 'Reflection period granted (6 months)',
  TEMPORARY_PERMIT_GRANTED: 'Temporary residence permit granted',
  PERMIT_REFUSED: 'Residence permit refused',
  PERMANENT_PERMIT_GRANTED: 'Permanent residence permit granted',
  RETURN_COMPLETED: 'Voluntary return completed',
  SHELTER_PLACEMENT: 'Placed in a safe house',
  SHELTER_OVER_CAPACITY: 'The safe house is over capacity',
  ASSISTANCE_ACCEPTED: 'Accepted the offer of assistance',
  ASSISTANCE_DECLINED: 'Declined the offer of assistance',
  LONG_TERM_ACCOMMODATION: 'Moved to long-term accommodation',
  HEALTH_ASSESSMENT: 'Health assessment done',
  GUARDIAN_APPOINTED: 'Guardian appointed',
  CHILD_WELFARE_MEASURE: 'Child welfare measure decided',
};


const kindOrder = Object.values(Kind);

/**
 * The support path: one event per milestone in every agency's records, attributed to the agency that owns
 * the record. For the shelter over capacity, one SHELTER_OVER_CAPACITY event per person placed there now.
 * Only events up to `asOf`, ordered by time.
 */
export function collectSupportEvents(
  records: RecordsWithoutEvents,
  overCapacity: { shelterId: string; since: Date } | null,
  ids: IdFactory,
): SupportEventRecord[] {
  const drafts: Draft[] = [];
  const add = (
    victimId: string, kind: Kind, at: string | null, detail: { summary?: string; dueAt?: string | null } = {},
  ): void => {
    if (at === null) return;
    const summary = detail.summary ?? summaryOf[kind] ?? kind;
    drafts.push({ victimId, agency: ownerOf[kind], kind, at, summary, dueAt: detail.dueAt ?? null });
  };
  const { coordination, police, immigration, socialServices, health, childWelfare } = records;

  for (const v of coordination.victims) add(v.id, Kind.IDENTIFIED, v.identifiedAt);
  for (const c of coordination.consents) {
    add(c.victimId, Kind.CONSENT_GIVEN, c.recordedAt);
    add(c.victimId, Kind.CONSENT_WITHDRAWN, c.withdrawnAt);
  }

  for (const i of police.investigations) {
    add(i.victimId, Kind.REPORT_FILED, i.reportedAt);
    add(i.victimId, Kind.INVESTIGATION_OPENED, i.openedAt);
    add(i.victimId, Kind.CHARGES_FILED, i.chargedAt);
    const outcome = i.status === 'CONVICTED' ? 'conviction' : 'acquittal';
    add(i.victimId, Kind.VERDICT, i.verdictAt, { summary: `${summaryOf.VERDICT}: ${outcome}` });
  }
  for (const c of police.cooperation) add(c.victimId, Kind.COOPERATION_STARTED, c.since);
  for (const t of police.testimonies) add(t.victimId, Kind.TESTIMONY_GIVEN, t.givenAt);

  for (const r of immigration.reflectionPeriods) {
    add(r.victimId, Kind.REFLECTION_PERIOD_GRANTED, r.grantedAt, { dueAt: r.endsAt });
  }
  for (const p of immigration.permits) {
    const temporary = p.type === 'TEMPORARY_RESIDENCE';
    if (p.decision === 'REFUSED') {
      const summary = `${temporary ? 'Temporary' : 'Permanent'} residence permit refused`;
      add(p.victimId, Kind.PERMIT_REFUSED, p.decidedAt, { summary });
    } else if (p.decision === 'GRANTED' && temporary) {
      add(p.victimId, Kind.TEMPORARY_PERMIT_GRANTED, p.decidedAt, { dueAt: p.validUntil });
    } else if (p.decision === 'GRANTED') {
      add(p.victimId, Kind.PERMANENT_PERMIT_GRANTED, p.decidedAt);
    }
  }
  for (const r of immigration.returns) add(r.victimId, Kind.RETURN_COMPLETED, r.completedAt);

  for (const d of socialServices.assistanceDecisions) {
    add(d.victimId, d.accepted ? Kind.ASSISTANCE_ACCEPTED : Kind.ASSISTANCE_DECLINED, d.decidedAt);
  }
  const longTerm = new Set(socialServices.shelters.filter((s) => s.longTerm).map((s) => s.id));
  for (const p of socialServices.placements) {
    add(p.victimId, longTerm.has(p.shelterId) ? Kind.LONG_TERM_ACCOMMODATION : Kind.SHELTER_PLACEMENT, p.from);
    if (overCapacity && p.shelterId === overCapacity.shelterId && p.until === null) {
      const at = Math.max(Date.parse(p.from), overCapacity.since.getTime());
      add(p.victimId, Kind.SHELTER_OVER_CAPACITY, new Date(at).toISOString());
    }
  }

  for (const a of health.assessments) add(a.victimId, Kind.HEALTH_ASSESSMENT, a.assessedAt);
  for (const g of childWelfare.guardians) add(g.victimId, Kind.GUARDIAN_APPOINTED, g.appointedAt);
  for (const m of childWelfare.measures) add(m.victimId, Kind.CHILD_WELFARE_MEASURE, m.decidedAt);

  const asOf = Date.parse(records.asOf);
  return drafts
    .filter((d) => Date.parse(d.at) <= asOf)
    .sort((a, b) => a.at.localeCompare(b.at) || a.victimId.localeCompare(b.victimId)
      || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind))
    .map((d) => ({ id: ids.next('ev'), ...d }));
}
