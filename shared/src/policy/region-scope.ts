import type { HubCaller } from '../auth/hub-caller';
import { Agency, Role } from '../domain/enums';

/**
 * Staff who may act with no regions at all: national by configuration (docs/architecture.md, "Who may read
 * what"). Everyone else must carry the regions they are limited to; a caller of a local role with no regions
 * — an identity provider that forgot the claim — is refused, never treated as national. The local
 * coordinating units' caseworkers are local.
 */
export const nationalStaff: readonly { agency: Agency; roles: readonly Role[] }[] = [
  { agency: Agency.COORDINATION, roles: [Role.COORDINATOR, Role.ANALYST] },
  { agency: Agency.POLICE, roles: [Role.INVESTIGATOR, Role.PROSECUTOR] },
  { agency: Agency.IMMIGRATION, roles: [Role.CASEWORKER] },
  { agency: Agency.SOCIAL_SERVICES, roles: [Role.CASEWORKER] },
  { agency: Agency.HEALTH, roles: [Role.CLINICIAN] },
  { agency: Agency.CHILD_WELFARE, roles: [Role.CASEWORKER] },
  { agency: Agency.NGO, roles: [Role.NGO_WORKER] },
  { agency: Agency.AUDIT, roles: [Role.AUDITOR] },
];

/** May `caller` act without a regions limit? Only when its agency and role are national by configuration. */
export const mayActWithoutRegions = (caller: Pick<HubCaller, 'agency' | 'role'>): boolean =>
  nationalStaff.some((s) => s.agency === caller.agency && s.roles.includes(caller.role));
