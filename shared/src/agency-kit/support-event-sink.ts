import type { EntityManager } from 'typeorm';
import type { HubCaller } from '../auth/hub-caller';
import type { NewSupportEvent } from '../subgraph/coordination-client';
import type { OutboxRelay } from './outbox-relay';
import { enqueueSupportEvent } from './support-event-outbox';

/** Where a mutation's support events go: queued in its transaction, handed on after the commit. */
export interface SupportEventSink {
  /** Writes the event in `tx`; returns an id to deliver after the commit, or `null` when nothing is left to do. */
  enqueue(tx: EntityManager, caller: HubCaller, event: NewSupportEvent): Promise<string | null>;
  afterCommit(ids: readonly string[]): Promise<void>;
}

/** An agency subgraph's sink: the outbox in its own database, then one delivery attempt right after the commit. */
export const outboxSink = (relay: OutboxRelay): SupportEventSink => ({
  enqueue: enqueueSupportEvent,
  afterCommit: (ids) => relay.deliverPending(ids),
});

/** Coordination keeps the support path itself: its own events are rows of its own transaction. */
export const directSink = (write: (tx: EntityManager, event: NewSupportEvent) => Promise<void>): SupportEventSink => ({
  enqueue: async (tx, _caller, event) => {
    await write(tx, event);
    return null;
  },
  afterCommit: async () => undefined,
});

/** A subgraph that records no support events (the audit log). */
export const noSink: SupportEventSink = {
  enqueue: () => Promise.reject(new Error('this subgraph records no support events')),
  afterCommit: async () => undefined,
};
