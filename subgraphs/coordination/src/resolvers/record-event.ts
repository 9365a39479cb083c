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

/** A new pseudonymous victim id: `v-` and 10 random hex digits; never derived from a person. */
export const newVictimId = (): string => `v-${randomBytes(5).toString('hex')}`;
