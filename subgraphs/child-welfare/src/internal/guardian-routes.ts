import type { Request, Response, Router } from 'express';
import type { HubCaller, InternalRouteDeps } from '@hub/shared';

type CallerRequest = Request & { caller?: HubCaller };

/**
 * Service-to-service: whether a minor has an appointed guardian now (appointed, not ended). The coordination
 * registry asks before it records a consent "given by the guardian" (docs/architecture.md#consent); only
 * coordination may call it, with an assertion it signed for this request. The answer is one boolean: never
 * who the guardian is.
 */
export function guardianRoutes(router: Router, { dataSource, metrics }: InternalRouteDeps): void {
  router.post('/appointed-guardian', async (req: CallerRequest, res: Response) => {
    const victimId: unknown = req.body?.victimId;
    if (typeof victimId !== 'string' || victimId.length === 0 || victimId.length > 100) {
      res.status(400).json({ error: 'victimId must be an id' });
      return;
    }
    metrics.increment('hub_guardian_lookups_total', { caller: req.caller!.via });
    const [row] = (await dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM guardianship
                       WHERE victim_id = $1 AND ended_at IS NULL AND appointed_at <= now()) AS appointed`,
      [victimId],
    )) as { appointed: boolean }[];
    res.json({ appointed: row?.appointed === true });
  });
}
