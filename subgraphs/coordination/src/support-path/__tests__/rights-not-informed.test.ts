import { Agency, AlertKind, DataCategory, SupportEventKind } from '@hub/shared';
import { type PathInputs, computeSupportPath } from '../support-path';
import { type RecordedPathInputs, visibleSupportPath } from '../visible-support-path';

/**
 * docs/architecture.md#rights-information: RIGHTS_NOT_INFORMED fires when the victim was identified 14 or more days
 * ago and no agency has recorded that they were informed of their rights. Dates written by hand.
 */
const now = new Date('2026-03-15T12:00:00.000Z');
const identified = (at: string): PathInputs => ({
  minor: false,
  identifiedAt: new Date(at),
  events: [{ kind: SupportEventKind.IDENTIFIED, at: new Date(at), dueAt: null }],
  consents: [],
});
const rightsAlert = (input: PathInputs) => computeSupportPath(input, now).alerts.filter((a) => a.kind === AlertKind.RIGHTS_NOT_INFORMED);

describe('RIGHTS_NOT_INFORMED', () => {
  it('does not fire 13 days after identification', () => {
    expect(rightsAlert(identified('2026-03-02T12:00:00.000Z'))).toEqual([]);
  });

  it('does not fire a minute before the 14 days are up', () => {
    expect(rightsAlert(identified('2026-03-01T12:01:00.000Z'))).toEqual([]);
  });

  it('fires 14 days after identification, to the minute, and later', () => {
    const alert = [{ kind: AlertKind.RIGHTS_NOT_INFORMED, message: 'Not informed of their rights 14 days after identification' }];
    expect(rightsAlert(identified('2026-03-01T12:00:00.000Z'))).toEqual(alert);
    expect(rightsAlert(identified('2025-11-20T08:00:00.000Z'))).toEqual(alert);
  });

  it('does not fire once any agency has recorded rights information, however late', () => {
    const input = identified('2026-01-10T12:00:00.000Z');
    const informed = { ...input, events: [...input.events, { kind: SupportEventKind.RIGHTS_INFORMED, at: new Date('2026-03-14T09:00:00.000Z'), dueAt: null }] };
    expect(rightsAlert(informed)).toEqual([]);
  });

  it('fires for a victim who has returned: rights information is owed whatever the stage', () => {
    const input = identified('2026-01-10T12:00:00.000Z');
    const returned = { ...input, events: [...input.events, { kind: SupportEventKind.RETURN_COMPLETED, at: new Date('2026-02-01T00:00:00.000Z'), dueAt: null }] };
    expect(rightsAlert(returned)).toHaveLength(1);
  });

  describe('as a caller sees it', () => {
    const recorded = (events: RecordedPathInputs['events']): RecordedPathInputs => ({
      minor: false,
      identifiedAt: new Date('2026-01-10T12:00:00.000Z'),
      events: [{ agency: Agency.COORDINATION, kind: SupportEventKind.IDENTIFIED, at: new Date('2026-01-10T12:00:00.000Z'), dueAt: null }, ...events],
      consents: [],
    });
    const coordinationOwn = new Set([DataCategory.IDENTITY, DataCategory.CASE_STATUS, DataCategory.IDENTIFICATION, DataCategory.CONSENT]);
    const kinds = (input: RecordedPathInputs, readable: ReadonlySet<DataCategory>) => visibleSupportPath(input, now, readable).alerts.map((a) => a.kind);

    it('exists only for a caller who may read rights information (of every agency) and the identification date', () => {
      expect(kinds(recorded([]), new Set([...coordinationOwn, DataCategory.RIGHTS_INFORMATION]))).toContain(AlertKind.RIGHTS_NOT_INFORMED);
      expect(kinds(recorded([]), coordinationOwn)).not.toContain(AlertKind.RIGHTS_NOT_INFORMED);
      expect(kinds(recorded([]), new Set([DataCategory.CASE_STATUS, DataCategory.RIGHTS_INFORMATION]))).not.toContain(AlertKind.RIGHTS_NOT_INFORMED);
    });

    it('is gone when the police recorded rights information, for a caller who may read it', () => {
      const police = recorded([{ agency: Agency.POLICE, kind: SupportEventKind.RIGHTS_INFORMED, at: new Date('2026-01-12T10:00:00.000Z'), dueAt: null }]);
      expect(kinds(police, new Set([...coordinationOwn, DataCategory.RIGHTS_INFORMATION]))).not.toContain(AlertKind.RIGHTS_NOT_INFORMED);
    });
  });
});
