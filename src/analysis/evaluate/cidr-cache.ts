/*
 * Parsing a CIDR string with ip-cidr is the analyzer's most expensive step; `parseCidr` (cidr/cidr.ts)
 * memoises every parse, so these are the analyzer's names for the one cached reader and the one
 * VCN-containment test, kept for the findings and probes that use them.
 */

/** The parsed CIDR, or undefined when the text is unknown or not a valid IPv4 network address (memoised by `parseCidr`). */
export { knownCidr as cachedCidr } from "./locate";

/** True/false when the VCN CIDRs are known; undefined otherwise: `insideVcn`. */
export { insideVcn as cachedInsideVcn } from "./locate";
