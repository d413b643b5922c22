import { type Cidr, cidrContains } from "../cidr/cidr";
import { knownCidr } from "./locate";
import type { NetworkModel } from "./model";

/*
 * Parsing a CIDR string with ip-cidr is the analyzer's most expensive step, and the findings and probes ask
 * about the same few strings again and again. A Cidr is immutable, so a parse can be shared.
 */

const CACHE = new Map<string, Cidr | null>();

/** The parsed CIDR, or undefined when the text is unknown or not a valid IPv4 network address; memoised. */
export function cachedCidr(text: string | undefined): Cidr | undefined {
    if (text === undefined) return undefined;
    let hit = CACHE.get(text);
    if (hit === undefined) {
        hit = knownCidr(text) ?? null;
        // The cache only grows with distinct strings the models contain; cap it so a long-running
        // policy host cannot grow it without bound.
        if (CACHE.size > 10_000) CACHE.clear();
        CACHE.set(text, hit);
    }
    return hit ?? undefined;
}

/** True/false when the VCN CIDRs are known; undefined otherwise (like `insideVcn`, with cached parses). */
export function cachedInsideVcn(model: NetworkModel, block: Cidr): boolean | undefined {
    const vcn = model.vcnCidrs.map(cachedCidr).filter((c): c is Cidr => c !== undefined);
    if (vcn.length > 0) return vcn.some((v) => cidrContains(v, block));
    return model.subnets.some((s) => {
        const subnet = cachedCidr(s.cidr);
        return subnet !== undefined && cidrContains(subnet, block);
    })
        ? true
        : undefined;
}
