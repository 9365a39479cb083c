import { DataCategory, type WriteScope, conflict } from '@hub/shared';

/**
 * Child-welfare decisions concern minors only; the coordination registry says who is a minor. Age is IDENTITY:
 * to a caller who may not read it (child welfare reads identity of minors only), an adult looks like an unknown id.
 */
export async function requireMinor(write: WriteScope, message: string): Promise<void> {
  if (!write.facts?.minor) throw await write.refusal([DataCategory.IDENTITY], conflict(message));
}
