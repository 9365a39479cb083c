import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CompactRange } from '@hub/shared/src/audit/transparency/merkle';
import type { StoredRecord } from './record-query';

/**
 * The export format (NDJSON): optionally a first line `{"frontier": {"size": n, "nodes": [{level, index, hash}]}}`
 * (the tree before the first exported record: its perfect subtrees, hex), then one StoredRecord a line, in seq
 * order. A heads file is JSON `{"heads": ["<signed note>", …]}`.
 */
export interface FrontierLine {
  frontier: { size: number; nodes: { level: number; index: number; hash: string }[] };
}

export const frontierLine = (range: CompactRange): FrontierLine => ({
  frontier: { size: range.size, nodes: range.nodes.map((n) => ({ level: n.level, index: n.index, hash: n.hash.toString('hex') })) },
});

/** Reads an export: the tree it starts from, and its records. */
export async function readExport(path: string): Promise<{ start: CompactRange; records: AsyncGenerator<StoredRecord> }> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  let first = await lines.next();
  let start = CompactRange.empty();
  if (!first.done && first.value.startsWith('{"frontier"')) {
    const { frontier } = JSON.parse(first.value) as FrontierLine;
    start = new CompactRange(frontier.size, frontier.nodes.map((n) => ({ level: n.level, index: n.index, hash: Buffer.from(n.hash, 'hex') })));
    first = await lines.next();
  }
  async function* records(): AsyncGenerator<StoredRecord> {
    for (let line = first; !line.done; line = await lines.next()) {
      if (line.value.trim().length > 0) yield JSON.parse(line.value) as StoredRecord;
    }
  }
  return { start, records: records() };
}
