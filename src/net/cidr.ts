import IPCIDR from "ip-cidr";
import { Address4 } from "ip-address";

/**
 * An IPv4 CIDR block as an inclusive address interval. C3 VCNs, subnets and security rules are IPv4
 * (docs/oracle-c3-network.md §2, §3), so IPv6 is refused rather than half-supported.
 */
export interface Cidr {
    /** Canonical text, e.g. `172.31.252.0/23`. */
    readonly text: string;
    /** Prefix length. */
    readonly prefix: number;
    /** First address as an integer. */
    readonly start: bigint;
    /** Last address as an integer. */
    readonly end: bigint;
}

/** Why a string is not a usable CIDR, and what was probably meant. */
export interface CidrParseError {
    /** What is wrong. */
    readonly message: string;
    /** The network address the user probably meant, when host bits were set. */
    readonly suggestion?: string;
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses an IPv4 CIDR and insists it is a network address: `10.0.0.1/8` is refused with the suggestion
 * `10.0.0.0/8`, because OCI rejects such blocks for VCNs and subnets and silently widens them in rules.
 */
export function parseCidr(text: string): Cidr | CidrParseError {
    if (typeof text !== "string") return parseUncached(text);
    let parsed = PARSED.get(text);
    if (parsed === undefined) {
        parsed = parseUncached(text);
        if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
        PARSED.set(text, parsed);
    }
    return parsed;
}

/*
 * The analyzer evaluates thousands of rule/flow pairs over a handful of distinct CIDR strings; parsing each
 * string once keeps 100 networks well under a second. Results are frozen, so sharing them is safe.
 */
const PARSED = new Map<string, Cidr | CidrParseError>();
const PARSED_LIMIT = 10_000;

function parseUncached(text: string): Cidr | CidrParseError {
    if (typeof text !== "string" || !IPV4_CIDR.test(text) || !IPCIDR.isValidCIDR(text)) {
        return Object.freeze({ message: "is not an IPv4 CIDR block such as 10.0.0.0/16" });
    }
    const block = new IPCIDR(text);
    const network = `${block.start<string>()}/${block.address.subnetMask}`;
    if (network !== text) {
        return Object.freeze({
            message: `has host bits set; the network address is ${network}`,
            suggestion: network,
        });
    }
    return Object.freeze({
        text,
        prefix: block.address.subnetMask,
        start: block.start<bigint>({ type: "bigInteger" }),
        end: block.end<bigint>({ type: "bigInteger" }),
    });
}

/** True when parseCidr failed. */
export function isCidrError(value: Cidr | CidrParseError): value is CidrParseError {
    return (value as CidrParseError).message !== undefined;
}

/** Parses a CIDR that is already known to be valid (validated config, generated data); throws otherwise. */
export function cidr(text: string): Cidr {
    const parsed = parseCidr(text);
    if (isCidrError(parsed)) {
        throw new Error(`${text} ${parsed.message}`);
    }
    return parsed;
}

/** Parses a CIDR that may be unknown or invalid: undefined for both. */
export function knownCidr(text: string | undefined): Cidr | undefined {
    if (text === undefined) return undefined;
    const parsed = parseCidr(text);
    return isCidrError(parsed) ? undefined : parsed;
}

/** True when `outer` contains every address of `inner`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
    return outer.start <= inner.start && inner.end <= outer.end;
}

/** True when the two blocks share at least one address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
    return a.start <= b.end && b.start <= a.end;
}

/** Number of addresses in the block. */
export function cidrSize(block: Cidr): bigint {
    return block.end - block.start + 1n;
}

/** Formats an integer address as dotted quad. */
export function formatAddress(value: bigint): string {
    return Address4.fromBigInt(value).correctForm();
}

/** The block of `prefix` bits that starts at `start` (which must be aligned). */
export function cidrAt(start: bigint, prefix: number): Cidr {
    return cidr(`${formatAddress(start)}/${prefix}`);
}

/**
 * The `index`-th block of length `prefix` inside `parent` (0-based). Carving uses this to lay subnets out
 * deterministically.
 */
export function subBlock(parent: Cidr, prefix: number, index: number): Cidr {
    if (prefix < parent.prefix || prefix > 32) {
        throw new Error(`cannot take a /${prefix} from ${parent.text}`);
    }
    const size = 1n << BigInt(32 - prefix);
    const start = parent.start + size * BigInt(index);
    if (start + size - 1n > parent.end || index < 0) {
        throw new Error(`block ${index} of /${prefix} lies outside ${parent.text}`);
    }
    return cidrAt(start, prefix);
}

/** `0.0.0.0/0`, the whole IPv4 space. */
export const ANYWHERE = "0.0.0.0/0";
