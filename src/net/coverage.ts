/*
 * Box coverage: the geometric core of "does the union of these security rules allow the whole flow?".
 * A flow is a box (source addresses × destination ports × source ports, or addresses × ICMP type × code);
 * each matching rule is a box too. OCI allows a packet when any rule matches it, so the flow is allowed
 * exactly when the union of the rule boxes covers the flow box. Kept generic (any number of dimensions,
 * bigint bounds so IPv4 addresses and ports share one type) so that other checks can reuse it.
 */

/** An inclusive integer interval `[lo, hi]`; empty when `lo > hi`. */
export interface Interval {
    /** First value. */
    readonly lo: bigint;
    /** Last value (inclusive). */
    readonly hi: bigint;
}

/** An axis-aligned box: one interval per dimension. All boxes compared together have the same dimension. */
export type Box = readonly Interval[];

/** The answer of {@link coverage}. */
export interface CoverageResult {
    /** True when every point of the target lies in at least one box. */
    readonly covered: boolean;
    /**
     * When not covered: one elementary cell of the target that no box touches (cells are cut at the boxes'
     * boundaries, so the gap is maximal along each cut). Used to say exactly what is missing.
     */
    readonly gap?: Box;
}

/** An interval from numbers (ports, ICMP types). */
export function interval(lo: number | bigint, hi: number | bigint): Interval {
    return { lo: BigInt(lo), hi: BigInt(hi) };
}

/** True when `a` and `b` share at least one point. */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
    return a.lo <= b.hi && b.lo <= a.hi;
}

/** True when the boxes share at least one point (same dimension assumed). */
export function boxesOverlap(a: Box, b: Box): boolean {
    return a.every((side, i) => intervalsOverlap(side, b[i]));
}

/** True when `outer` contains every point of `inner`. */
export function boxContains(outer: Box, inner: Box): boolean {
    return outer.every((side, i) => side.lo <= inner[i].lo && inner[i].hi <= side.hi);
}

/** True when some dimension of the box is empty. */
export function boxIsEmpty(box: Box): boolean {
    return box.some((side) => side.lo > side.hi);
}

/**
 * Does the union of `boxes` cover `target`? Sweeps one dimension at a time: the target's extent in that
 * dimension is cut at every box boundary, so inside one segment each box either spans it entirely or misses
 * it; the segment is covered when the spanning boxes cover the remaining dimensions. This checks every
 * elementary cell without enumerating the full grid. An empty target is covered.
 */
export function coverage(boxes: readonly Box[], target: Box): CoverageResult {
    if (boxIsEmpty(target)) return { covered: true };
    const relevant = boxes.filter((box) => box.length === target.length && boxesOverlap(box, target));
    const gap = findGap(relevant, target, 0);
    return gap === undefined ? { covered: true } : { covered: false, gap };
}

/** The first uncovered cell of `target` in dimensions `dim..`, given boxes that span it in dimensions `<dim`. */
function findGap(boxes: readonly Box[], target: Box, dim: number): Interval[] | undefined {
    if (dim === target.length) return boxes.length > 0 ? undefined : [];
    const extent = target[dim];
    for (const segment of segments(boxes, extent, dim)) {
        const spanning = boxes.filter((box) => box[dim].lo <= segment.lo && segment.hi <= box[dim].hi);
        const rest = findGap(spanning, target, dim + 1);
        if (rest !== undefined) return [segment, ...rest];
    }
    return undefined;
}

/** Cuts `extent` at every boundary of the boxes in dimension `dim`. */
function segments(boxes: readonly Box[], extent: Interval, dim: number): Interval[] {
    const cuts = new Set<bigint>([extent.lo]);
    for (const box of boxes) {
        const side = box[dim];
        if (side.lo > extent.lo && side.lo <= extent.hi) cuts.add(side.lo);
        if (side.hi + 1n > extent.lo && side.hi + 1n <= extent.hi) cuts.add(side.hi + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return sorted.map((lo, i) => ({ lo, hi: i + 1 < sorted.length ? sorted[i + 1] - 1n : extent.hi }));
}
