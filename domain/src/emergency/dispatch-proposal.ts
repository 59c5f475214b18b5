// The dispatch plan's proposal (调拨方案建议, issue 27): for each line still to ship, the warehouses
// that hold the item, nearest first by straight-line distance (distanceKm; road distance is out of
// scope — the platform has no road network) within the approving level's own reserve, then the
// level above's; each allocates what it holds until the line is covered. A line the reserves
// cannot cover names its shortfall and the designated producers (定点生产) of the item. Pure.
import { distanceKm, type LatLng } from '../regions/distance.ts';

export type ProposalWarehouse = {
  id: string;
  name: string;
  /** The owning region's significant prefix (a city reserve's '3213'). */
  ownerPrefix: string;
  location: LatLng | null;
  /** Available quantity per item id. */
  stock: ReadonlyMap<string, number>;
};
export type ProposalLine = { lineId: string; itemId: string; quantity: number };
export type ProposalProducer = { id: string; itemId: string; enterpriseName: string; capacityPerDay: number; location: LatLng | null };

export type ProposalPick = {
  warehouseId: string;
  name: string;
  tier: 0 | 1;
  distanceKm: number | null;
  available: number;
  quantity: number;
};
export type ProposalResult = {
  lineId: string;
  itemId: string;
  quantity: number;
  picks: ProposalPick[];
  shortfall: number;
  producers: (ProposalProducer & { distanceKm: number | null })[];
};

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Proposes warehouses per line. Tier 0 = the approving level's (ownerPrefix === approving), tier 1 =
 * the level above's (ownerPrefix === above); others are ignored. Within a tier nearest first (a
 * warehouse without a location after those with one, then by name). A warehouse's stock is shared
 * by the lines asking for the same item (what one line takes, the next cannot).
 */
export function proposeWarehouses(
  lines: readonly ProposalLine[],
  warehouses: readonly ProposalWarehouse[],
  o: { destination: LatLng | null; approvingPrefix: string; abovePrefix: string | null; producers?: readonly ProposalProducer[] },
): ProposalResult[] {
  const tierOf = (w: ProposalWarehouse): 0 | 1 | null =>
    w.ownerPrefix === o.approvingPrefix ? 0 : o.abovePrefix !== null && w.ownerPrefix === o.abovePrefix ? 1 : null;
  const ranked = warehouses
    .map((w) => ({ w, tier: tierOf(w), d: o.destination && w.location ? distanceKm(o.destination, w.location) : null }))
    .filter((x): x is { w: ProposalWarehouse; tier: 0 | 1; d: number | null } => x.tier !== null)
    .sort(
      (a, b) =>
        a.tier - b.tier || (a.d ?? Number.POSITIVE_INFINITY) - (b.d ?? Number.POSITIVE_INFINITY) || a.w.name.localeCompare(b.w.name),
    );
  const taken = new Map<string, number>(); // `${warehouse}:${item}` → allocated so far
  return lines.map((l) => {
    let left = l.quantity;
    const picks: ProposalPick[] = [];
    for (const { w, tier, d } of ranked) {
      if (left <= 0) break;
      const key = `${w.id}:${l.itemId}`;
      const available = (w.stock.get(l.itemId) ?? 0) - (taken.get(key) ?? 0);
      if (available <= 0) continue;
      const q = Math.min(left, available);
      taken.set(key, (taken.get(key) ?? 0) + q);
      left -= q;
      picks.push({ warehouseId: w.id, name: w.name, tier, distanceKm: d === null ? null : round(d), available, quantity: q });
    }
    const producers =
      left > 0
        ? (o.producers ?? [])
            .filter((p) => p.itemId === l.itemId)
            .map((p) => ({ ...p, distanceKm: o.destination && p.location ? round(distanceKm(o.destination, p.location)) : null }))
            .sort(
              (a, b) =>
                (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY) ||
                b.capacityPerDay - a.capacityPerDay,
            )
        : [];
    return { lineId: l.lineId, itemId: l.itemId, quantity: l.quantity, picks, shortfall: Math.max(0, left), producers };
  });
}

/** The owning region prefix of a government warehouse at `level` in `regionCode`. */
export function warehouseOwnerPrefix(level: string | null, regionCode: string): string {
  const len = level === 'province' ? 2 : level === 'city' ? 4 : level === 'county' ? 6 : level === 'township' ? 9 : 12;
  return regionCode.slice(0, len);
}

/** The level above a prefix ('321302' → '3213'; a province has none). */
export function abovePrefix(prefix: string): string | null {
  const order = [2, 4, 6, 9, 12];
  const i = order.indexOf(prefix.length);
  return i > 0 ? prefix.slice(0, order[i - 1]) : null;
}
