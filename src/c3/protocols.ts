/* OCI's IP protocol numbers (docs/oracle-c3-network.md §3). No imports. */

/** IP protocol of a flow, in OCI's terms: TCP=6, UDP=17, ICMP=1, all. */
export type Protocol = "tcp" | "udp" | "icmp" | "all";

/**
 * OCI's protocol numbers for each protocol (docs/oracle-c3-network.md §3: TCP=6, UDP=17, ICMP=1; `all` stays `all`). The one
 * table the renderer writes rules with and the analyzer and policies read them back with.
 */
export const OCI_PROTOCOL: Readonly<Record<Protocol, string>> = {
    tcp: "6",
    udp: "17",
    icmp: "1",
    all: "all",
};

/** OCI's protocol numbers for the named protocols (OCI security rules carry `"6"`, `"17"`, `"1"` or `"all"`). */
export const PROTOCOL_NUMBERS: Readonly<Record<Exclude<Protocol, "all">, string>> = {
    tcp: OCI_PROTOCOL.tcp,
    udp: OCI_PROTOCOL.udp,
    icmp: OCI_PROTOCOL.icmp,
};
