import { distance } from "fastest-levenshtein";
import type { ConfigProblem } from "./types";

/*
 * Unknown keys are the commonest silent mistake in a config (`clusterAcess`, `port` for `portMin`,
 * `natGatewayID`): ignored, they plan a different network than the user meant. Every object of the args,
 * every stack-config namespace this package owns and every CLI flag is checked against its known keys, and
 * an unknown one is answered with the nearest known key.
 */

/**
 * The known key nearest to `key`: a case-insensitive or separator-insensitive match first (`vcnCIDR`,
 * `nat_gateway_id`), else the closest by edit distance within a third of the key's length. Undefined when
 * nothing is close enough to be a plausible typo.
 */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
    const folded = fold(key);
    const same = known.find((k) => fold(k) === folded);
    if (same !== undefined) return same;
    // `port` for `portMin`: a known key that starts with what was typed.
    const longer = folded.length >= 3 ? known.find((k) => fold(k).startsWith(folded)) : undefined;
    if (longer !== undefined) return longer;
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.ceil(key.length / 3)) + 1;
    for (const candidate of known) {
        const d = distance(folded, fold(candidate));
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

/** Lowercase without `_`, `-` or `.`, so `nat_gateway_id`, `NatGatewayId` and `nat-gateway-id` meet. */
function fold(text: string): string {
    return text.toLowerCase().replace(/[-_.]/g, "");
}

/** The fix for an unknown key: the near miss when there is one, else the full list. */
export function unknownKeyFix(key: string, known: readonly string[], where: string): string {
    const meant = didYouMean(key, known);
    const list = known.join(", ");
    return meant !== undefined
        ? `did you mean "${meant}"? Rename it, or remove it`
        : `remove it; the known keys of ${where} are ${list}`;
}

/**
 * One problem per key of `value` that `known` does not list. Own enumerable keys only, so `__proto__` parsed
 * from a file is reported like any other unknown key instead of reaching the prototype.
 */
export function unknownKeyProblems(
    path: string,
    value: Readonly<Record<string, unknown>>,
    known: readonly string[],
): ConfigProblem[] {
    const where = path === "" ? "the args" : path;
    return Object.keys(value)
        .filter((key) => !known.includes(key))
        .map((key) => ({
            path: path === "" ? key : `${path}.${key}`,
            value: value[key],
            message: "is not a known key, so it would be ignored",
            fix: unknownKeyFix(key, known, where),
        }));
}
