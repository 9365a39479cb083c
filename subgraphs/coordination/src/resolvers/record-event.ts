import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Agency, type SupportEventKind } from '@hub/shared';
import { SupportEvent } from '../entities/support-event';

/** Coordination's own milestones go straight onto the support path, in the caller's transaction. */
export async function recordCoordinationEvent(
  tx: EntityManager,
  event: { victimId: string; kind: SupportEventKind; at: Date; summary: string },
): Promise<void> {
  await tx.getRepository(SupportEvent).insert({
    id: `ev-${randomBytes(6).toString('hex')}`,
    agency: Agency.COORDINATION,
    dueAt: null,
    ...event,
  });
}

export const newId = (prefix: string, bytes = 6): string => `${prefix}-${randomBytes(bytes).toString('hex')}`;
