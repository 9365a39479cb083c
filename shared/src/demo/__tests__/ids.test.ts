import { IdFactory } from '../ids';
import type { SeededRandom } from '../random';

/** A stream that hands out the given hex strings in turn. */
const scripted = (...draws: string[]): SeededRandom => ({ hex: () => draws.shift()! }) as unknown as SeededRandom;

// At 100,000 victims the labour inspection's support events (ids drawn from a stream of their own) and those of
// rights information (from the caseload's IdFactory) collided once: a primary-key violation that stopped
// coordination's start in `npm run bench -- --victims 100000`. generate-caseload.ts reserves the former's ids.
describe('demo record ids', () => {
  it('never hands out an id drawn elsewhere and reserved', () => {
    const ids = new IdFactory(scripted('0000000a', '0000000b'));
    ids.reserve(['ev-0000000a']);
    expect(ids.next('ev')).toBe('ev-0000000b');
  });

  it('a forked factory shares what is used, reservations included', () => {
    const ids = new IdFactory(scripted());
    ids.reserve(['ev-0000000a']);
    expect(ids.fork(scripted('0000000a', '0000000a', '0000000c')).next('ev')).toBe('ev-0000000c');
  });
});
