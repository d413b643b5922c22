/*
 * The oracle's own IPv4 arithmetic: an address is a 32-bit unsigned integer, a CIDR block a base address and a
 * prefix length. Written here on purpose, sharing nothing with src/net, so a bug there cannot hide in both.
 * Plain arithmetic (no bitwise operators) keeps every value a non-negative safe integer.
 */

/** One IPv4 CIDR block, e.g. 10.0.0.0/8: OCI's `CIDR_BLOCK` source or destination. */
export interface Block {
    /** The network address as an unsigned 32-bit integer. */
    readonly first: number;
    /** The broadcast (last) address. */
    readonly last: number;
    /** Prefix length, 0-32. */
    readonly prefix: number;
    /** The text it was parsed from, normalised (`10.0.0.0/8`). */
    readonly text: string;
}

const TWO_32 = 2 ** 32;

/** Parses a dotted quad into an unsigned 32-bit integer; throws on anything else. */
export function parseAddress(text: string): number {
    const parts = text.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
        throw new Error(`oracle: not an IPv4 address: ${JSON.stringify(text)}`);
    }
    return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Formats an unsigned 32-bit integer as a dotted quad. */
export function formatAddress(value: number): string {
    const octets: number[] = [];
    let rest = value;
    for (let i = 0; i < 4; i++) {
        octets.unshift(rest % 256);
        rest = Math.floor(rest / 256);
    }
    return octets.join(".");
}

/** Parses `a.b.c.d/n`. The address must be the network address, as OCI requires for CIDR blocks. */
export function parseBlock(text: string): Block {
    const match = /^([0-9.]+)\/(\d{1,2})$/.exec(text);
    if (match === null || Number(match[2]) > 32) {
        throw new Error(`oracle: not an IPv4 CIDR block: ${JSON.stringify(text)}`);
    }
    const prefix = Number(match[2]);
    const address = parseAddress(match[1]);
    const size = 2 ** (32 - prefix);
    if (address % size !== 0) throw new Error(`oracle: ${text} has host bits set`);
    return { first: address, last: address + size - 1, prefix, text: `${formatAddress(address)}/${prefix}` };
}

/** Whether `address` lies in `block`. */
export function contains(block: Block, address: number): boolean {
    return address >= block.first && address <= block.last;
}

/** Whether two blocks share an address. */
export function overlaps(a: Block, b: Block): boolean {
    return a.first <= b.last && b.first <= a.last;
}

/** Whether `address` is a valid IPv4 address value. */
export function isAddress(address: number): boolean {
    return Number.isInteger(address) && address >= 0 && address < TWO_32;
}
