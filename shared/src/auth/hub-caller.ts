import type { Agency, Purpose, Region, Role } from '../domain/enums';

/** Who is asking, and why: what the gateway vouches for in every hub assertion. */
export interface HubCaller {
  /** Staff id (subject of the user's token). */
  sub: string;
  agency: Agency;
  role: Role;
  /** Regions local staff are limited to; empty for national staff. */
  regions: Region[];
  purpose: Purpose;
  justification: string | null;
  requestId: string;
  /** The service that vouched for this caller: `gateway`, or a subgraph calling coordination. */
  via: string;
}
