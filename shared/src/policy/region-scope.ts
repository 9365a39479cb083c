import type { HubCaller } from '../auth/hub-caller';
import { agencyEntries } from '../agencies/agency-registry';
import type { Agency, Role } from '../domain/enums';

/**
 * Staff who may act with no regions at all: national by configuration (docs/architecture.md, "Who may read
 * what"; the agency registry's `nationalRoles`). Everyone else must carry the regions they are limited to; a caller of a local role with no regions
 * — an identity provider that forgot the claim — is refused, never treated as national. The local
 * coordinating units' caseworkers are local.
 */
export const nationalStaff: readonly { agency: Agency; roles: readonly Role[] }[] = agencyEntries.map((e) => ({
  agency: e.agency as Agency,
  roles: e.nationalRoles as readonly Role[],
}));

/** May `caller` act without a regions limit? Only when its agency and role are national by configuration. */
export const mayActWithoutRegions = (caller: Pick<HubCaller, 'agency' | 'role'>): boolean =>
  nationalStaff.some((s) => s.agency === caller.agency && s.roles.includes(caller.role));
