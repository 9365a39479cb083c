/**
 * The national indicator list for identifying victims of trafficking, as published for front-line staff.
 * An identification records which indicators were assessed as present.
 */
export interface Indicator {
  code: string;
  label: string;
  group: 'RECRUITMENT' | 'CONTROL' | 'EXPLOITATION' | 'VULNERABILITY';
}

export const nationalIndicators: readonly Indicator[] = [
  { code: 'R1', label: 'Recruited by deception about the work or its conditions', group: 'RECRUITMENT' },
  { code: 'R2', label: 'Travel or documents arranged by others', group: 'RECRUITMENT' },
  { code: 'R3', label: 'Debt to recruiter or transporter', group: 'RECRUITMENT' },
  { code: 'C1', label: 'Identity or travel documents withheld', group: 'CONTROL' },
  { code: 'C2', label: 'Restricted freedom of movement', group: 'CONTROL' },
  { code: 'C3', label: 'Threats against the person or family', group: 'CONTROL' },
  { code: 'C4', label: 'Violence or sexual violence', group: 'CONTROL' },
  { code: 'C5', label: 'Isolation from community or language', group: 'CONTROL' },
  { code: 'E1', label: 'Earnings withheld or taken', group: 'EXPLOITATION' },
  { code: 'E2', label: 'Excessive working hours or no rest', group: 'EXPLOITATION' },
  { code: 'E3', label: 'Forced to commit crimes or to beg', group: 'EXPLOITATION' },
  { code: 'E4', label: 'Sold or exchanged between exploiters', group: 'EXPLOITATION' },
  { code: 'V1', label: 'Irregular migration status', group: 'VULNERABILITY' },
  { code: 'V2', label: 'Minor without a caregiver', group: 'VULNERABILITY' },
  { code: 'V3', label: 'Dependence on exploiter for housing', group: 'VULNERABILITY' },
];

export const indicatorCodes = new Set(nationalIndicators.map((i) => i.code));
