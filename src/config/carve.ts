import type { ConfigProblem, ResolvedLayout } from "./types";
import { cidrAt, cidrOverlaps, isCidrError, parseCidr, subBlock, type Cidr } from "../net/cidr";
import { ORACLE_CIDR_TERMS } from "../c3/roles";

/** The subnet roles carving can fill. `pod` only with VCN-native. */
export type CarvedRole = Exclude<keyof ResolvedLayout, "vcn">;

/** Subnet CIDRs the user gave explicitly (Oracle's `worker_cidr`, `workerlb_cidr`, `kmi_cidr`, ...). */
export type GivenSubnets = Partial<Record<CarvedRole, string>>;

/** The outcome of {@link carveLayout}: a complete layout, or the problems that prevent one. */
export type CarveResult =
    | { readonly ok: true; readonly layout: ResolvedLayout }
    | { readonly ok: false; readonly problems: ConfigProblem[] };

/** Smallest VCN (largest prefix) the Flannel layout can be carved from: a /25. */
export const MIN_FLANNEL_VCN_PREFIX = 25;

/** Smallest VCN (largest prefix) the VCN-native layout can be carved from: a /23, so `pod_cidr` is a /24. */
export const MIN_VCN_NATIVE_VCN_PREFIX = 23;

/** Control plane (`kmi_cidr`) and API endpoint (`kmilb_cidr`) size in the Flannel layout. */
export const FLANNEL_CONTROL_PLANE_PREFIX = 28;

type Slot = { readonly role: CarvedRole; readonly block: Cidr };

/**
 * Derives every missing subnet CIDR from the VCN CIDR alone, deterministically (Oracle's `vcn_cidr` →
 * `worker_cidr`, `workerlb_cidr`, `kmi_cidr`, `kmilb_cidr`, and `pod_cidr` for VCN-native).
 *
 * **Flannel** (docs/oracle-c3-network.md §2a), VCN `/p`, smallest `/25`:
 * - `worker_cidr` = the upper half of the VCN (`/p+1`);
 * - `workerlb_cidr` = the first half of the lower half (`/p+2`);
 * - `kmi_cidr` and `kmilb_cidr` = the last two `/28` blocks of the lower half (`kmi_cidr` first).
 *
 * For `172.31.252.0/23` this is exactly Oracle's example: workerlb `172.31.252.0/25`, kmi
 * `172.31.252.224/28`, kmilb `172.31.252.240/28`, worker `172.31.253.0/24`.
 *
 * Why these sizes: the control plane is 1, 3 or 5 nodes and the API network load balancer needs only a few
 * addresses, so a `/28` each (13 usable after OCI's 3 reserved addresses) is enough at any VCN size. The
 * workers get half the VCN: OKE allows 128 worker nodes per cluster and a VCN may carry several clusters.
 * The service load balancers get a quarter. The rest of the lower half stays free for later subnets.
 *
 * **VCN-native** (docs/oracle-c3-network.md §2b), VCN `/p`, smallest `/23`, recursive halving from the top:
 * - `pod_cidr` = upper half (`/p+1`);
 * - `worker_cidr` = upper half of the lower half (`/p+2`);
 * - `kmi_cidr` = the next `/p+3` below it;
 * - `kmilb_cidr` and `workerlb_cidr` = the two `/p+4` blocks at the bottom (`workerlb_cidr` lowest).
 *
 * For `172.31.0.0/19` this is exactly Oracle's example: workerlb `172.31.0.0/23`, kmilb `172.31.2.0/23`,
 * kmi `172.31.4.0/22`, worker `172.31.8.0/21`, pod `172.31.16.0/20`.
 *
 * Why these sizes: every pod takes a VCN address (31 per node by default, up to 110), so the pod subnet
 * gets the largest share; Oracle requires it to be larger than `/25`, larger than the worker subnet and at
 * least as large as the control-plane subnet (docs/oracle-c3-network.md §2d), which the halving guarantees. The `/23` minimum is
 * what keeps `pod_cidr` at `/24` or larger.
 *
 * Explicit subnet CIDRs win: carving only fills the missing roles. A missing role takes its slot above
 * unless that slot overlaps a given subnet; then it takes the lowest free aligned block of the same size in
 * the VCN. If none is free, or the VCN is too small to carve from, the result lists the problems instead
 * (carving never throws for user input). Given CIDRs are assumed inside the VCN; validation checks that.
 */
export function carveLayout(vcn: string, cni: "flannel" | "vcn-native", given: GivenSubnets): CarveResult {
    const problems: ConfigProblem[] = [];
    const vcnBlock = parseOrReport("cidrs.vcn", vcn, problems);
    const givenBlocks = parseGiven(given, problems);
    if (vcnBlock === undefined || problems.length > 0) {
        return { ok: false, problems };
    }
    const missing = rolesFor(cni).filter((role) => givenBlocks[role] === undefined);
    if (missing.length === 0) {
        return { ok: true, layout: assemble(vcnBlock, cni, givenBlocks) };
    }
    const tooSmall = sizeProblem(vcnBlock, cni, missing);
    if (tooSmall !== undefined) {
        return { ok: false, problems: [tooSmall] };
    }
    const carved = place(vcnBlock, templateFor(vcnBlock, cni), givenBlocks, missing, problems);
    return problems.length > 0
        ? { ok: false, problems }
        : { ok: true, layout: assemble(vcnBlock, cni, carved) };
}

/** The roles a layout has for this CNI, in carving order (largest template block first). */
function rolesFor(cni: "flannel" | "vcn-native"): CarvedRole[] {
    const roles: CarvedRole[] = ["worker", "serviceLb", "controlPlane", "controlPlaneEndpoint"];
    return cni === "vcn-native" ? ["pod", ...roles] : roles;
}

function templateFor(vcn: Cidr, cni: "flannel" | "vcn-native"): Slot[] {
    return cni === "flannel" ? flannelTemplate(vcn) : vcnNativeTemplate(vcn);
}

/** docs/oracle-c3-network.md §2a: see {@link carveLayout}. Requires `vcn.prefix <= 25`. */
function flannelTemplate(vcn: Cidr): Slot[] {
    const lower = subBlock(vcn, vcn.prefix + 1, 0);
    const small = FLANNEL_CONTROL_PLANE_PREFIX;
    const smallCount = 1 << (small - lower.prefix);
    return [
        { role: "worker", block: subBlock(vcn, vcn.prefix + 1, 1) },
        { role: "serviceLb", block: subBlock(lower, lower.prefix + 1, 0) },
        { role: "controlPlane", block: subBlock(lower, small, smallCount - 2) },
        { role: "controlPlaneEndpoint", block: subBlock(lower, small, smallCount - 1) },
    ];
}

/** docs/oracle-c3-network.md §2b: see {@link carveLayout}. Requires `vcn.prefix <= 23`. */
function vcnNativeTemplate(vcn: Cidr): Slot[] {
    const p = vcn.prefix;
    return [
        { role: "pod", block: subBlock(vcn, p + 1, 1) },
        { role: "worker", block: subBlock(vcn, p + 2, 1) },
        { role: "controlPlane", block: subBlock(vcn, p + 3, 1) },
        { role: "controlPlaneEndpoint", block: subBlock(vcn, p + 4, 1) },
        { role: "serviceLb", block: subBlock(vcn, p + 4, 0) },
    ];
}

/**
 * Template slots first, so a fallback placement can never take a slot another missing role is entitled
 * to; then the lowest free aligned block for roles whose slot a given subnet occupies.
 */
function place(
    vcn: Cidr,
    template: Slot[],
    given: Partial<Record<CarvedRole, Cidr>>,
    missing: CarvedRole[],
    problems: ConfigProblem[],
): Partial<Record<CarvedRole, Cidr>> {
    const placed: Partial<Record<CarvedRole, Cidr>> = { ...given };
    const slots = template.filter((slot) => missing.includes(slot.role));
    const open = slots.filter((slot) => !overlapsAny(slot.block, Object.values(placed)));
    const blocked = slots.filter((slot) => !open.includes(slot));
    for (const slot of open) {
        placed[slot.role] = slot.block;
    }
    for (const slot of blocked) {
        const free = lowestFreeBlock(vcn, slot.block.prefix, Object.values(placed));
        if (free === undefined) {
            problems.push(noRoomProblem(vcn, slot));
        } else {
            placed[slot.role] = free;
        }
    }
    return placed;
}

function lowestFreeBlock(vcn: Cidr, prefix: number, taken: Cidr[]): Cidr | undefined {
    const size = 1n << BigInt(32 - prefix);
    for (let start = vcn.start; start + size - 1n <= vcn.end; start += size) {
        const candidate = cidrAt(start, prefix);
        if (!overlapsAny(candidate, taken)) {
            return candidate;
        }
    }
    return undefined;
}

function overlapsAny(block: Cidr, others: (Cidr | undefined)[]): boolean {
    return others.some((other) => other !== undefined && cidrOverlaps(block, other));
}

function assemble(
    vcn: Cidr,
    cni: "flannel" | "vcn-native",
    blocks: Partial<Record<CarvedRole, Cidr>>,
): ResolvedLayout {
    const text = (role: CarvedRole): string => (blocks[role] as Cidr).text;
    const layout: ResolvedLayout = {
        vcn: vcn.text,
        worker: text("worker"),
        serviceLb: text("serviceLb"),
        controlPlane: text("controlPlane"),
        controlPlaneEndpoint: text("controlPlaneEndpoint"),
    };
    return cni === "vcn-native" ? { ...layout, pod: text("pod") } : layout;
}

function sizeProblem(
    vcn: Cidr,
    cni: "flannel" | "vcn-native",
    missing: CarvedRole[],
): ConfigProblem | undefined {
    const min = cni === "flannel" ? MIN_FLANNEL_VCN_PREFIX : MIN_VCN_NATIVE_VCN_PREFIX;
    if (vcn.prefix <= min) {
        return undefined;
    }
    const paths = missing.map((role) => `cidrs.${role}`).join(", ");
    const why =
        cni === "flannel"
            ? "two /28 control-plane blocks, the service LB and the workers"
            : "a pod subnet larger than /25 (docs/oracle-c3-network.md §2d) plus the worker, control-plane and LB subnets";
    return {
        path: "cidrs.vcn",
        value: vcn.text,
        message: `is a /${vcn.prefix}, too small to carve the ${cni} layout (${why}); the smallest is a /${min}`,
        fix: `use a /${min} or larger VCN, e.g. ${cidrAt(vcn.start & ~((1n << BigInt(32 - min)) - 1n), min).text}, or give ${paths} explicitly`,
    };
}

function noRoomProblem(vcn: Cidr, slot: Slot): ConfigProblem {
    return {
        path: `cidrs.${slot.role}`,
        value: undefined,
        message:
            `could not be carved: no free /${slot.block.prefix} is left in ${vcn.text} ` +
            `(Oracle's ${ORACLE_CIDR_TERMS[slot.role]}) next to the subnets given explicitly`,
        fix: `give cidrs.${slot.role} explicitly, or move the given subnets, or use a larger VCN`,
    };
}

function parseGiven(given: GivenSubnets, problems: ConfigProblem[]): Partial<Record<CarvedRole, Cidr>> {
    const blocks: Partial<Record<CarvedRole, Cidr>> = {};
    for (const role of Object.keys(given) as CarvedRole[]) {
        const text = given[role];
        if (text !== undefined) {
            blocks[role] = parseOrReport(`cidrs.${role}`, text, problems);
        }
    }
    return blocks;
}

function parseOrReport(path: string, text: string, problems: ConfigProblem[]): Cidr | undefined {
    const parsed = parseCidr(text);
    if (!isCidrError(parsed)) {
        return parsed;
    }
    problems.push({
        path,
        value: text,
        message: parsed.message,
        fix:
            parsed.suggestion !== undefined
                ? `use ${parsed.suggestion}`
                : "write an IPv4 CIDR such as 10.0.0.0/16",
    });
    return undefined;
}
