import { Gender, Region } from '../domain/enums';
import type { ShelterRecord, SocialServicesRecords, VictimRecord } from './caseload-types';
import type { IdFactory } from './ids';

type Placement = SocialServicesRecords['placements'][number];

/**
 * The safe houses. Invented names at plainly fictional addresses. Safe houses for men are scarce (two
 * crisis houses and one long-term house take men), and two houses offer long-term accommodation.
 * The first one is the house that is deliberately over capacity at `asOf` in the demo.
 */
const shelterTemplates: readonly Omit<ShelterRecord, 'id'>[] = [
  { name: 'Lysgården', address: 'Demoveien 12, 0150 Oslo', region: Region.OSLO, capacity: 8, accepts: ['WOMEN'], longTerm: false },
  { name: 'Havly', address: 'Eksempelgata 4, 0560 Oslo', region: Region.OSLO, capacity: 6, accepts: ['WOMEN'], longTerm: false },
  { name: 'Bryggehuset', address: 'Fiktivveien 31, 0668 Oslo', region: Region.OSLO, capacity: 4, accepts: ['MEN'], longTerm: false },
  { name: 'Tunet', address: 'Prøvegata 7, 0473 Oslo', region: Region.OSLO, capacity: 4, accepts: ['MINORS'], longTerm: false },
  { name: 'Stegvis', address: 'Demoveien 88, 0954 Oslo', region: Region.OSLO, capacity: 6, accepts: ['WOMEN', 'MEN'], longTerm: true },
  { name: 'Furutoppen', address: 'Testlia 3, 2317 Hamar', region: Region.EAST, capacity: 5, accepts: ['WOMEN'], longTerm: false },
  { name: 'Elvekanten', address: 'Eksempelgata 19, 1606 Fredrikstad', region: Region.EAST, capacity: 3, accepts: ['MINORS'], longTerm: false },
  { name: 'Kystlys', address: 'Fiktivveien 2, 4610 Kristiansand', region: Region.SOUTH, capacity: 4, accepts: ['WOMEN'], longTerm: false },
  { name: 'Vardetun', address: 'Prøvegata 45, 5003 Bergen', region: Region.WEST, capacity: 5, accepts: ['WOMEN'], longTerm: false },
  { name: 'Fjordbu', address: 'Testlia 11, 5020 Bergen', region: Region.WEST, capacity: 3, accepts: ['MEN'], longTerm: false },
  { name: 'Videre', address: 'Demoveien 5, 5045 Bergen', region: Region.WEST, capacity: 4, accepts: ['WOMEN'], longTerm: true },
  { name: 'Midtgården', address: 'Eksempelgata 60, 7010 Trondheim', region: Region.MID, capacity: 4, accepts: ['WOMEN'], longTerm: false },
  { name: 'Nordlys', address: 'Fiktivveien 9, 9008 Tromsø', region: Region.NORTH, capacity: 3, accepts: ['WOMEN'], longTerm: false },
];

export function createShelters(ids: IdFactory): ShelterRecord[] {
  return shelterTemplates.map((t) => ({ id: ids.next('sh'), ...t, accepts: [...t.accepts] }));
}

/** Minors go only where minors are taken in; adults by gender (a person of other gender: mixed houses). */
export function shelterAccepts(shelter: ShelterRecord, victim: VictimRecord): boolean {
  if (victim.minor) return shelter.accepts.includes('MINORS');
  if (victim.gender === Gender.FEMALE) return shelter.accepts.includes('WOMEN');
  if (victim.gender === Gender.MALE) return shelter.accepts.includes('MEN');
  return shelter.accepts.includes('WOMEN') && shelter.accepts.includes('MEN');
}

/** Whether the person is in the shelter at that moment (`until` is exclusive; null means still there). */
export function isPlacedAt(placement: Placement, at: Date): boolean {
  const t = at.getTime();
  return Date.parse(placement.from) <= t && (placement.until === null || Date.parse(placement.until) > t);
}

/** Number of people placed in a shelter at a moment. */
export function occupancyAt(placements: readonly Placement[], shelterId: string, at: Date): number {
  return placements.filter((p) => p.shelterId === shelterId && isPlacedAt(p, at)).length;
}

/**
 * The moment since which a shelter has been over capacity without a break, or null if it is not over
 * capacity at `asOf`.
 */
export function overCapacitySince(
  placements: readonly Placement[], shelter: ShelterRecord, asOf: Date,
): Date | null {
  const moments = placements
    .filter((p) => p.shelterId === shelter.id)
    .flatMap((p) => [Date.parse(p.from), ...(p.until ? [Date.parse(p.until)] : [])])
    .filter((t) => t <= asOf.getTime())
    .sort((a, b) => a - b);
  let since: number | null = null;
  for (const t of new Set(moments)) {
    const over = occupancyAt(placements, shelter.id, new Date(t)) > shelter.capacity;
    if (over && since === null) since = t;
    if (!over) since = null;
  }
  return since === null ? null : new Date(since);
}
