import 'reflect-metadata';
import { validate } from 'class-validator';
import { HubError } from '../../errors/hub-error';
import { NotInFuture, requireRecordedDate } from '../record-dates';

const now = new Date('2026-06-01T12:00:00.000Z');
const at = (iso: string) => new Date(iso);
const refusal = (f: () => void): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(HubError);
    expect((e as HubError).extensions.code).toBe('BAD_USER_INPUT');
    return (e as Error).message;
  }
};

describe('requireRecordedDate', () => {
  it('accepts the past and up to a minute ahead of the hub clock', () => {
    expect(refusal(() => requireRecordedDate('startedAt', at('2026-05-01T00:00:00Z'), now))).toBeUndefined();
    expect(refusal(() => requireRecordedDate('startedAt', at('2026-06-01T12:01:00Z'), now))).toBeUndefined();
  });

  it('refuses a date more than a minute ahead', () => {
    expect(refusal(() => requireRecordedDate('startedAt', at('2026-06-01T12:01:00.001Z'), now))).toBe('startedAt cannot be in the future');
  });

  it('refuses a date before the one it must follow, and an invalid date', () => {
    const decided = { date: at('2026-05-10T00:00:00Z'), what: 'the decision' };
    expect(refusal(() => requireRecordedDate('endedAt', at('2026-05-09T23:59:59Z'), now, decided))).toBe('endedAt cannot be before the decision');
    expect(refusal(() => requireRecordedDate('endedAt', at('2026-05-10T00:00:00Z'), now, decided))).toBeUndefined();
    expect(refusal(() => requireRecordedDate('endedAt', new Date(Number.NaN), now))).toBe('endedAt is not a valid date');
  });
});

describe('NotInFuture', () => {
  class Input {
    @NotInFuture('reportedAt') reportedAt!: Date;
  }
  const errorsOf = async (date: Date) => (await validate(Object.assign(new Input(), { reportedAt: date }))).flatMap((e) => Object.values(e.constraints ?? {}));

  it('passes a date of the last minute and refuses one an hour ahead, naming the field', async () => {
    expect(await errorsOf(new Date(Date.now() - 60_000))).toEqual([]);
    expect(await errorsOf(new Date(Date.now() + 3_600_000))).toEqual(['reportedAt cannot be in the future']);
  });
});
