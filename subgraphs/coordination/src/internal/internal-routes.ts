import type { Request, Response, Router } from 'express';
import {
  type Agency,
  type HubCaller,
  agencyEntries,
  type InternalRouteDeps,
  type SupportEventKind,
  requireStatistics,
  subgraphAgency,
} from '@hub/shared';
import { In } from 'typeorm';
import { SupportEvent } from '../entities/support-event';
import { Victim } from '../entities/victim';
import { loadVictimAccessFacts } from './victim-access-facts';

const MAX_LOOKUP = 10_000;

/** Which agency may contribute which kinds of support-path events (the agency registry's `eventKinds`). */
export const eventKindsByAgency = Object.fromEntries(agencyEntries.map((e) => [e.agency, e.eventKinds])) as Partial<
  Record<Agency, readonly SupportEventKind[]>
>;

type CallerRequest = Request & { caller?: HubCaller };

const isIsoDate = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Service-to-service routes: the consent look-up, victims' regions for statistics, and support events contributed by agencies. */
export function coordinationInternalRoutes(router: Router, { dataSource, metrics, log }: InternalRouteDeps): void {
  const facts = loadVictimAccessFacts(dataSource);

  router.post('/victim-access-facts', async (req: CallerRequest, res: Response) => {
    const ids: unknown = req.body?.victimIds;
    if (!Array.isArray(ids) || ids.length > MAX_LOOKUP || !ids.every((id) => typeof id === 'string')) {
      res.status(400).json({ error: 'victimIds must be a list of ids' });
      return;
    }
    metrics.victimFactsLookups.inc({ caller: req.caller!.via });
    res.json({ facts: await facts(ids as string[]) });
  });

  // The regions of the victims an agency counts, so that its statistics can be published by region. Only for a
  // caller who reads statistics; the agency publishes nothing but the protected aggregates (shared/src/statistics/regions.ts).
  router.post('/victim-regions', async (req: CallerRequest, res: Response) => {
    const ids: unknown = req.body?.victimIds;
    if (!Array.isArray(ids) || ids.length > MAX_LOOKUP || !ids.every((id) => typeof id === 'string')) {
      res.status(400).json({ error: 'victimIds must be a list of ids' });
      return;
    }
    try {
      requireStatistics({ caller: req.caller! });
    } catch {
      res.status(403).json({ error: 'victim regions are given for statistics only' });
      return;
    }
    const rows = await dataSource.getRepository(Victim).find({ select: { id: true, region: true }, where: { id: In(ids as string[]) } });
    const regionOf = new Map(rows.map((v) => [v.id, v.region]));
    res.json({ regions: (ids as string[]).map((id) => regionOf.get(id) ?? null) });
  });

  router.post('/support-events', async (req: CallerRequest, res: Response) => {
    const via = req.caller!.via as keyof typeof subgraphAgency;
    const agency = subgraphAgency[via];
    const { id, victimId, kind, at, summary, dueAt } = req.body ?? {};
    const allowed = eventKindsByAgency[agency] ?? [];
    if (
      typeof id !== 'string' ||
      !/^ev-[0-9a-f]{12}$/.test(id) ||
      typeof victimId !== 'string' ||
      !allowed.includes(kind) ||
      !isIsoDate(at) ||
      typeof summary !== 'string' ||
      summary.length === 0 ||
      summary.length > 200 ||
      !(dueAt === null || isIsoDate(dueAt))
    ) {
      res.status(400).json({ error: `not a support event ${agency} may contribute` });
      return;
    }
    if (!(await dataSource.getRepository(Victim).existsBy({ id: victimId }))) {
      res.status(404).json({ error: 'no such victim' });
      return;
    }
    // The agency's outbox relay sends at least once: an id already recorded is recorded once.
    await dataSource.createQueryBuilder().insert().into(SupportEvent).orIgnore().values({
      id,
      victimId,
      agency,
      kind,
      at: new Date(at),
      summary,
      dueAt: dueAt === null ? null : new Date(dueAt),
    }).execute();
    log.info({ agency, kind, requestId: req.caller!.requestId }, 'support event recorded');
    res.status(201).json({ ok: true });
  });
}
