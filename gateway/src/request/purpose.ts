import { HubError, Purpose, emergencyRule } from '@hub/shared';

/** Reads the purpose of use (`x-purpose`) and, for EMERGENCY, the written justification (`x-justification`). */
export function readPurpose(headers: { [name: string]: string | string[] | undefined }): {
  purpose: Purpose;
  justification: string | null;
} {
  const raw = headers['x-purpose'];
  const purpose = Array.isArray(raw) ? raw[0] : raw;
  if (!purpose) {
    throw new HubError('PURPOSE_REQUIRED', `State the purpose of use in x-purpose: one of ${Object.values(Purpose).join(', ')}`);
  }
  if (!(Object.values(Purpose) as string[]).includes(purpose)) {
    throw new HubError('PURPOSE_REQUIRED', `Unknown purpose "${purpose.slice(0, 40)}": one of ${Object.values(Purpose).join(', ')}`);
  }
  const rawJustification = headers['x-justification'];
  const justification = (Array.isArray(rawJustification) ? rawJustification[0] : rawJustification)?.trim() || null;
  if (purpose === Purpose.EMERGENCY && (justification ?? '').length < emergencyRule.minimumJustificationLength) {
    throw new HubError(
      'PURPOSE_REQUIRED',
      `EMERGENCY needs a written justification of at least ${emergencyRule.minimumJustificationLength} characters in x-justification`,
    );
  }
  if (justification && justification.length > 1000) throw new HubError('PURPOSE_REQUIRED', 'x-justification is limited to 1000 characters');
  return { purpose: purpose as Purpose, justification };
}
