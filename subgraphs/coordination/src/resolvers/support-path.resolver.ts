import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DataCategory, type Stage, type SubgraphContext } from '@hub/shared';
import type { SupportEvent } from '../entities/support-event';
import { notePathValues } from '../support-path/visible-support-path';
import { type AgencySharing, type Alert, type Deadline, SupportPath } from '../support-path/support-path.types';

/**
 * Notes, for the access log, the per-agency decisions behind `events` and `agencies` (which show the same decisions:
 * events shown, and "shared" or "not shared"), only when one of them leaves — a path read for its stage alone reads
 * no agency's events.
 */
function noteSharing(ctx: SubgraphContext, path: SupportPath): void {
  for (const s of path.sharing) {
    ctx.access.note(path.victimId, 'SupportPath', `events:${s.agency}`, s.category, s.events);
    if (s.rightsInformation) ctx.access.note(path.victimId, 'SupportPath', `rightsInformation:${s.agency}`, DataCategory.RIGHTS_INFORMATION, s.rightsInformation);
  }
}

/**
 * The support path's derived fields, as they leave: each is logged with the values it is derived from and the
 * categories of their inputs (`notePathValues`), and shows only values whose inputs the caller may read — already so
 * computed by `supportPathFor`; what the log names as refused is never shown (docs/architecture.md, "Derived values").
 */
@Resolver(() => SupportPath)
export class SupportPathResolver {
  @FieldResolver()
  events(@Root() path: SupportPath, @Ctx() ctx: SubgraphContext): SupportEvent[] {
    noteSharing(ctx, path);
    return path.events;
  }

  @FieldResolver()
  agencies(@Root() path: SupportPath, @Ctx() ctx: SubgraphContext): AgencySharing[] {
    noteSharing(ctx, path);
    return path.agencies;
  }

  @FieldResolver()
  async stage(@Root() path: SupportPath, @Ctx() ctx: SubgraphContext): Promise<Stage> {
    await notePathValues(ctx.access, path.victimId, 'stage');
    return path.stage;
  }

  @FieldResolver()
  async nextDeadline(@Root() path: SupportPath, @Ctx() ctx: SubgraphContext): Promise<Deadline | null> {
    const readable = await notePathValues(ctx.access, path.victimId, 'nextDeadline');
    return path.nextDeadline && readable.has(path.nextDeadline.kind) ? path.nextDeadline : null;
  }

  @FieldResolver()
  async alerts(@Root() path: SupportPath, @Ctx() ctx: SubgraphContext): Promise<Alert[]> {
    const readable = await notePathValues(ctx.access, path.victimId, 'alerts');
    return path.alerts.filter((alert) => readable.has(alert.kind));
  }
}
