import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/*
 * The verify fixtures (sdk-tests/verify/fixtures, typed from the spec's tables) and the documented defects,
 * each a small patch of the conformant JSON applied to a copy, so every defect is one visible change.
 */

/** The fixture directory. */
export const FIXTURES = join(__dirname, "..", "..", "..", "verify", "fixtures");
/** `terraform show -json` of the state. */
export const TF_STATE = join(FIXTURES, "terraform", "oracle-flannel.state.json");
/** `terraform show -json tfplan` of a plan that creates the network. */
export const TF_PLAN = join(FIXTURES, "terraform", "oracle-flannel.plan.json");
/** The OCI CLI export directory. */
export const OCI_EXPORT = join(FIXTURES, "oci-export");
/** `pulumi stack export` of the same network written with @pulumi/oci. */
export const STACK_EXPORT = join(FIXTURES, "stack-export", "oracle-flannel.stack.json");

type Json = Record<string, unknown>;

/** Parses a fixture file. */
export function load(path: string): Json {
    return JSON.parse(readFileSync(path, "utf8")) as Json;
}

/** A fresh temporary directory. */
export function tempDir(): string {
    return mkdtempSync(join(tmpdir(), "oke-verify-"));
}

/** Writes JSON to a new temp file and returns its path. */
export function tempJson(value: unknown, name = "input.json"): string {
    const path = join(tempDir(), name);
    writeFileSync(path, JSON.stringify(value));
    return path;
}

/** The state's resources by address (root and child module). */
export function tfResources(doc: Json): Json[] {
    const root = (doc.values as Json).root_module as Json;
    const children = (root.child_modules as Json[]).flatMap((m) => m.resources as Json[]);
    return [...(root.resources as Json[]), ...children];
}

/** One state resource's values. */
export function tfValues(doc: Json, address: string): Json {
    const found = tfResources(doc).find((r) => r.address === address);
    if (found === undefined) throw new Error(`no ${address} in the fixture`);
    return found.values as Json;
}

/** A defect of the Terraform state: its name, the patch, and the address and flow it must be found at. */
export interface Defect {
    name: string;
    patchTerraform(doc: Json): void;
    patchOci(dir: string): void;
    /** Flows that must then fail. */
    failingFlows: string[];
    /** The Terraform address the verdict or finding must name. */
    terraformAddress: string;
    /** The OCI id the verdict or finding must name. */
    ociId: string;
}

const M = "module.oke";

function patchFile(dir: string, file: string, patch: (doc: Json) => void): void {
    const path = join(dir, file);
    const doc = load(path);
    patch(doc);
    writeFileSync(path, JSON.stringify(doc));
}

function ociItem(doc: Json, id: string): Json {
    const found = (doc.data as Json[]).find((d) => d.id === id);
    if (found === undefined) throw new Error(`no ${id} in the export`);
    return found;
}

/** The four documented defects, one change each. */
export const DEFECTS: readonly Defect[] = [
    {
        name: "missing rule: worker-seclist rule 4 (worker LB → TCP 10256) deleted",
        patchTerraform: (doc: Json): void => {
            (
                tfValues(doc, `${M}.oci_core_security_list.worker_seclist`).ingress_security_rules as Json[]
            ).splice(3, 1);
        },
        patchOci: (dir: string): void =>
            patchFile(dir, "security-lists.json", (doc) => {
                (
                    ociItem(doc, "ocid1.securitylist.oc1.c3.example-worker")[
                        "ingress-security-rules"
                    ] as Json[]
                ).splice(3, 1);
            }),
        failingFlows: ["worker-kube-proxy-from-service-lb"],
        terraformAddress: `${M}.oci_core_security_list.worker_seclist`,
        ociId: "ocid1.securitylist.oc1.c3.example-worker",
    },
    {
        name: "wrong port: kmilb-seclist rule 3 (vcn_cidr → 6443) opens 6444",
        patchTerraform: (doc: Json): void => {
            const rule = (
                tfValues(doc, `${M}.oci_core_security_list.kmilb_seclist`).ingress_security_rules as Json[]
            )[2];
            rule.tcp_options = [{ min: 6444, max: 6444, source_port_range: [] }];
        },
        patchOci: (dir: string): void =>
            patchFile(dir, "security-lists.json", (doc) => {
                const rule = (
                    ociItem(doc, "ocid1.securitylist.oc1.c3.example-kmilb")[
                        "ingress-security-rules"
                    ] as Json[]
                )[2];
                rule["tcp-options"] = { "destination-port-range": { min: 6444, max: 6444 } };
            }),
        // docs/oracle-c3-network.md §3.5: rule 3 is also how the control-plane instances and the workers reach the LB.
        failingFlows: [
            "endpoint-api-from-bastion",
            "endpoint-api-from-control-plane",
            "endpoint-api-from-workers",
        ],
        terraformAddress: `${M}.oci_core_security_list.kmilb_seclist`,
        ociId: "ocid1.securitylist.oc1.c3.example-kmilb",
    },
    {
        name: "wrong route table: the worker subnet uses the public (internet gateway) table",
        patchTerraform: (doc: Json): void => {
            tfValues(doc, `${M}.oci_core_subnet.worker_subnet`).route_table_id =
                "ocid1.routetable.oc1.c3.example-public";
        },
        patchOci: (dir: string): void =>
            patchFile(dir, "subnets.json", (doc) => {
                ociItem(doc, "ocid1.subnet.oc1.c3.example-worker")["route-table-id"] =
                    "ocid1.routetable.oc1.c3.example-public";
            }),
        // A private subnet cannot use an internet gateway: nothing of the workers reaches outside the VCN,
        // so the hardened catalogue's ICMP 3/11 to anywhere (Path Discovery) fails with the yum/registry rows.
        failingFlows: [
            "worker-to-yum-http",
            "worker-to-yum-https",
            "worker-to-registry",
            "icmp-unreachable-to-anywhere",
            "icmp-time-exceeded-to-anywhere",
        ],
        terraformAddress: `${M}.oci_core_subnet.worker_subnet`,
        ociId: "ocid1.subnet.oc1.c3.example-worker",
    },
    {
        name: "NSG rule open to the world: an NSG on the workers admits TCP 22 from 0.0.0.0/0",
        patchTerraform: (doc: Json): void => {
            const child = (((doc.values as Json).root_module as Json).child_modules as Json[])[0];
            const nsgId = "ocid1.networksecuritygroup.oc1.c3.example-ssh";
            (child.resources as Json[]).push(
                {
                    address: `${M}.oci_core_network_security_group.worker_nsg`,
                    mode: "managed",
                    type: "oci_core_network_security_group",
                    name: "worker_nsg",
                    values: {
                        id: nsgId,
                        vcn_id: "ocid1.vcn.oc1.c3.example-oketest-vcn",
                        display_name: "worker-nsg",
                    },
                },
                {
                    address: `${M}.oci_core_network_security_group_security_rule.worker_ssh`,
                    mode: "managed",
                    type: "oci_core_network_security_group_security_rule",
                    name: "worker_ssh",
                    values: {
                        id: "ABCDEF",
                        network_security_group_id: nsgId,
                        direction: "INGRESS",
                        protocol: "6",
                        source: "0.0.0.0/0",
                        source_type: "CIDR_BLOCK",
                        stateless: false,
                        tcp_options: [
                            { destination_port_range: [{ min: 22, max: 22 }], source_port_range: [] },
                        ],
                        udp_options: [],
                        icmp_options: [],
                    },
                },
            );
        },
        patchOci: (dir: string): void => {
            const nsg = "ocid1.networksecuritygroup.oc1.c3.example-ssh";
            const vnic = "ocid1.vnic.oc1.c3.example-worker-1";
            writeFileSync(
                join(dir, "nsgs.json"),
                JSON.stringify({
                    data: [
                        {
                            id: nsg,
                            "display-name": "ssh-admin",
                            "vcn-id": "ocid1.vcn.oc1.c3.example-oketest-vcn",
                        },
                    ],
                }),
            );
            const rules = {
                data: [
                    {
                        id: "ABCDEF",
                        direction: "INGRESS",
                        protocol: "6",
                        source: "0.0.0.0/0",
                        "source-type": "CIDR_BLOCK",
                        "is-stateless": false,
                        "tcp-options": { "destination-port-range": { min: 22, max: 22 } },
                    },
                ],
            };
            writeJsonIn(dir, `nsg-rules/${nsg}.json`, rules);
            writeJsonIn(dir, `nsg-vnics/${nsg}.json`, {
                data: [{ "vnic-id": vnic, "resource-id": "ocid1.instance.oc1.c3.example-worker-1" }],
            });
            writeJsonIn(dir, "vnic-attachments.json", {
                data: [
                    {
                        id: "ocid1.vnicattachment.oc1.c3.example-1",
                        "vnic-id": vnic,
                        "subnet-id": "ocid1.subnet.oc1.c3.example-worker",
                        "lifecycle-state": "ATTACHED",
                    },
                ],
            });
        },
        failingFlows: [],
        terraformAddress: `${M}.oci_core_network_security_group.worker_nsg`,
        ociId: "ocid1.networksecuritygroup.oc1.c3.example-ssh",
    },
];

function writeJsonIn(dir: string, file: string, value: unknown): void {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(value));
}

/** The Terraform state with a defect applied, as a temp file. */
export function defectiveState(defect: Defect): string {
    const doc = load(TF_STATE);
    defect.patchTerraform(doc);
    return tempJson(doc, "state.json");
}

/** The OCI export with a defect applied, as a temp directory. */
export function defectiveExport(defect: Defect): string {
    const dir = join(tempDir(), "export");
    cpSync(OCI_EXPORT, dir, { recursive: true });
    defect.patchOci(dir);
    return dir;
}
