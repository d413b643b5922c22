import { C3_RESERVED_RANGES, type ReservedRange } from "../c3/reserved";
import { cidr, cidrOverlaps, type Cidr } from "./cidr";
/** The reserved ranges that share at least one address with `block`, in the order of {@link C3_RESERVED_RANGES}. */
export function reservedOverlaps(block: Cidr): ReservedRange[] {
    return C3_RESERVED_RANGES.filter((range) => cidrOverlaps(cidr(range.cidr), block));
}
