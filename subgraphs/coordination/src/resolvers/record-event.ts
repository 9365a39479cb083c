import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Agency, type NewSupportEvent } from '@hub/shared';
import { SupportEvent } from '../entities/support-event';

/** Coordination's own milestones go straight onto the support path, in the mutation's transaction. */
export async function recordCoordinationEvent(tx: EntityManager, event: NewSupportEvent): Promise<void> {
  await tx.getRepository(SupportEvent).insert({
    id: `ev-${randomBytes(6).toString('hex')}`,
    agency: Agency.COORDINATION,
    victimId: event.victimId,
    kind: event.kind,
    at: new Date(event.at),
    summary: event.summary,
    dueAt: event.dueAt === null ? null : new Date(event.dueAt),
  });
}

/** A new pseudonymous victim id: `v-` and 10 random hex digits; never derived from a person. */
export const newVictimId = (): string => `v-${randomBytes(5).toString('hex')}`;
