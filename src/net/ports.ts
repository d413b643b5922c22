/* TCP/UDP port ranges and the one "covers" relation on them. */

/** An inclusive destination-port range. */
export interface PortRange {
    /** First port. */
    readonly min: number;
    /** Last port. */
    readonly max: number;
}

/** True when `outer` (undefined: every port) holds every port of `inner` (undefined: every port). */
export function portsCover(outer: PortRange | undefined, inner: PortRange | undefined): boolean {
    if (outer === undefined) return true;
    return inner !== undefined && outer.min <= inner.min && inner.max <= outer.max;
}

/** Every TCP/UDP port a packet can carry (OCI port ranges run 1-65535). */
export const ALL_PORTS: PortRange = { min: 1, max: 65535 };

/**
 * The Linux ephemeral port range (`net.ipv4.ip_local_port_range` default 32768-60999): where a reply to a
 * connection opened by an Oracle Linux node or pod goes, so where a stateless reply rule must point.
 */
export const LINUX_EPHEMERAL_PORTS: PortRange = { min: 32768, max: 60999 };
