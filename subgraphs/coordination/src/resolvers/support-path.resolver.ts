import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Stage, SubgraphContext } from '@hub/shared';
import { notePathValues } from '../support-path/visible-support-path';
import { type Alert, type Deadline, SupportPath } from '../support-path/support-path.types';

/**
 * The support path's derived fields, as they leave: each is logged with the values it is derived from and the
 * categories of their inputs (`notePathValues`), and shows only values whose inputs the caller may read — already so
 * computed by `supportPathFor`; what the log names as refused is never shown (docs/architecture.md, "Derived values").
 */
@Resolver(() => SupportPath)
export class SupportPathResolver {
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
