import { cidr, type Cidr } from "./cidr";
import { C3_RESERVED_RANGES } from "../c3/reserved";

/*
 * When is a set of source ranges "the world"? Not only when it is literally 0.0.0.0/0: 0.0.0.0/1 plus
 * 128.0.0.0/1, or sixteen /4s that skip 253.255.0.0/16, open a port to the internet just as well. The one
 * definition used by validation, the analyzer's `ingress-from-anywhere` finding and the policy
 * `oke-c3-no-world-ingress`: the ranges together cover more than a /8's worth of globally routable IPv4
 * space. Space that is never routed on the internet does not count.
 */

/** A block that is not globally routable unicast, and why. */
export interface NonGlobalRange {
    /** The block. */
    readonly cidr: string;
    /** What it is (IANA special-purpose registry, or C3's reservation). */
    readonly reason: string;
}

/**
 * Space that does not count towards "the world": RFC 1918, shared address space, loopback, link-local,
 * "this network", multicast and the reserved class E block (IANA IPv4 special-purpose registry), and C3's
 * reserved ranges (Oracle's "Reserved Network Resources", docs/oracle-c3-network.md §2c-2d).
 */
export const NON_GLOBAL_RANGES: readonly NonGlobalRange[] = [
    { cidr: "0.0.0.0/8", reason: '"this network" (RFC 791)' },
    { cidr: "10.0.0.0/8", reason: "private-use (RFC 1918)" },
    { cidr: "100.64.0.0/10", reason: "shared address space (RFC 6598)" },
    { cidr: "127.0.0.0/8", reason: "loopback" },
    { cidr: "169.254.0.0/16", reason: "link-local" },
    { cidr: "172.16.0.0/12", reason: "private-use (RFC 1918)" },
    { cidr: "192.168.0.0/16", reason: "private-use (RFC 1918)" },
    { cidr: "224.0.0.0/4", reason: "multicast" },
    { cidr: "240.0.0.0/4", reason: "reserved (class E), including C3's 253.255.0.0/16" },
    ...C3_RESERVED_RANGES.map((r) => ({ cidr: r.cidr, reason: r.reason })),
];

/** A /8: 2^24 addresses. A source set covering more globally routable space than this is world-wide. */
export const WORLD_THRESHOLD = 2n ** 24n;

interface Interval {
    start: bigint;
    end: bigint;
}

const NON_GLOBAL: readonly Interval[] = merge(NON_GLOBAL_RANGES.map((r) => cidr(r.cidr)));

/** Sorted, disjoint, non-adjacent intervals covering exactly the union of the blocks. */
function merge(blocks: readonly Interval[]): Interval[] {
    const sorted = [...blocks].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const out: Interval[] = [];
    for (const block of sorted) {
        const last = out[out.length - 1];
        if (last !== undefined && block.start <= last.end + 1n) {
            if (block.end > last.end) last.end = block.end;
        } else out.push({ start: block.start, end: block.end });
    }
    return out;
}

function overlap(a: Interval, b: Interval): bigint {
    const start = a.start > b.start ? a.start : b.start;
    const end = a.end < b.end ? a.end : b.end;
    return end >= start ? end - start + 1n : 0n;
}

/** How many globally routable IPv4 addresses the union of `blocks` covers. */
export function globallyRoutableSize(blocks: readonly Cidr[]): bigint {
    let total = 0n;
    for (const block of merge(blocks)) {
        let excluded = 0n;
        for (const range of NON_GLOBAL) excluded += overlap(block, range);
        total += block.end - block.start + 1n - excluded;
    }
    return total;
}

/** True when the union of `blocks` covers more than a /8's worth of globally routable space. */
export function isWorldWide(blocks: readonly Cidr[]): boolean {
    return globallyRoutableSize(blocks) > WORLD_THRESHOLD;
}

/** The definition in words, for messages and docs. */
export const WORLD_WIDE_TEXT =
    "covers more than a /8's worth (16,777,216 addresses) of globally routable IPv4 space, so it is open to the internet";

/**
 * Space no VCN or subnet may use because it is not unicast a VNIC can hold: "this network", loopback,
 * link-local, multicast and class E (which includes 255.255.255.255 and C3's 253.255.0.0/16).
 */
export const NON_UNICAST_RANGES: readonly NonGlobalRange[] = NON_GLOBAL_RANGES.filter((r) =>
    ["0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4"].includes(r.cidr),
);

/** The non-unicast ranges `block` overlaps. */
export function nonUnicastOverlaps(block: Cidr): NonGlobalRange[] {
    return NON_UNICAST_RANGES.filter((r) => {
        const range = cidr(r.cidr);
        return range.start <= block.end && block.start <= range.end;
    });
}
