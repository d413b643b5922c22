import * as assert from "node:assert/strict";
import { evaluateFlow, type FlowQuery } from "../../../src/analysis/evaluate/evaluate";
import { modelsFromResources } from "../../../src/analysis/model/from-resources";
import type { NetworkModel } from "../../../src/analysis/model/model";
import type { ResourceRecord } from "../../../src/analysis/model/resources";
import { CLIENTS, KMI, KMILB, VCN, WORKER } from "../models";

/*
 * Hand-built engine records of Oracle's example network, once as after an update (every reference is a
 * known OCID) and once as in a preview (ids undefined, references known only through propertyDependencies).
 */

type Mode = "update" | "preview";
const T = {
    vcn: "oci:Core/vcn:Vcn",
    subnet: "oci:Core/subnet:Subnet",
    list: "oci:Core/securityList:SecurityList",
    defaultList: "oci:Core/defaultSecurityList:DefaultSecurityList",
    table: "oci:Core/routeTable:RouteTable",
    defaultTable: "oci:Core/defaultRouteTable:DefaultRouteTable",
    nat: "oci:Core/natGateway:NatGateway",
    igw: "oci:Core/internetGateway:InternetGateway",
    nsg: "oci:Core/networkSecurityGroup:NetworkSecurityGroup",
    nsgRule: "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule",
};

const urn = (type: string, name: string): string => `urn:pulumi:test::net::${type}::${name}`;
const ocid = (name: string): string => `ocid1.${name}.oc1..test`;

/** Builds records; `ref(name)` is the target's OCID after an update and undefined in a preview. */
class Records {
    readonly list: ResourceRecord[] = [];
    constructor(readonly mode: Mode) {}

    ref(name: string): string | undefined {
        return this.mode === "update" ? ocid(name) : undefined;
    }

    add(
        type: string,
        name: string,
        inputs: Record<string, unknown>,
        deps: Record<string, string[]> = {},
    ): string {
        const record: ResourceRecord = {
            type,
            name,
            urn: urn(type, name),
            inputs,
            propertyDependencies: deps,
        };
        if (this.mode === "update") record.id = ocid(name);
        this.list.push(record);
        return record.urn;
    }
}

function oracleRecords(mode: Mode, options: { defaultList?: boolean } = {}): Records {
    const r = new Records(mode);
    const vcnInputs: Record<string, unknown> = { cidrBlocks: [VCN], displayName: "oketest-vcn" };
    if (mode === "update") vcnInputs.defaultSecurityListId = ocid("vcn-default-list");
    if (mode === "update") vcnInputs.defaultRouteTableId = ocid("vcn-default-table");
    const vcn = r.add(T.vcn, "vcn", vcnInputs);
    const vcnId = { vcnId: [vcn] };
    if (options.defaultList !== false) {
        r.add(
            T.defaultList,
            "default-list",
            {
                manageDefaultResourceId: mode === "update" ? ocid("vcn-default-list") : undefined,
                displayName: "Default Security List for oketest-vcn",
                egressSecurityRules: [
                    { protocol: "all", destination: "0.0.0.0/0", description: "Allow all outgoing traffic." },
                ],
                ingressSecurityRules: [
                    {
                        protocol: "1",
                        source: VCN,
                        icmpOptions: { type: 8 },
                        description: "Allow ping from VCN.",
                    },
                ],
            },
            { manageDefaultResourceId: [vcn] },
        );
    }
    const workerList = r.add(
        T.list,
        "worker-seclist",
        {
            vcnId: r.ref("vcn"),
            displayName: "worker-seclist",
            ingressSecurityRules: [
                {
                    protocol: "6",
                    source: VCN,
                    tcpOptions: { min: 22, max: 22 },
                    description: "Allow intra-VCN ssh.",
                },
                { protocol: "17", source: WORKER, udpOptions: { min: 8285, max: 8472 } },
                {
                    protocol: "6",
                    source: CLIENTS,
                    tcpOptions: { min: 30000, max: 32767, sourcePortRange: { min: 1024, max: 65535 } },
                },
            ],
        },
        vcnId,
    );
    const kmiList = r.add(
        T.list,
        "kmi-seclist",
        {
            vcnId: r.ref("vcn"),
            displayName: "kmi-seclist",
            ingressSecurityRules: [{ protocol: "6", source: WORKER, tcpOptions: { min: 1024, max: 65535 } }],
        },
        vcnId,
    );
    const nat = r.add(T.nat, "nat", { vcnId: r.ref("vcn"), displayName: "VCN nat g6s" }, vcnId);
    const igw = r.add(
        T.igw,
        "igw",
        { vcnId: r.ref("vcn"), displayName: "VCN i6t g6s", enabled: true },
        vcnId,
    );
    r.add(
        T.defaultTable,
        "default-table",
        {
            manageDefaultResourceId: mode === "update" ? ocid("vcn-default-table") : undefined,
            displayName: "Default - private",
            routeRules: [
                { destination: "0.0.0.0/0", destinationType: "CIDR_BLOCK", networkEntityId: r.ref("nat") },
            ],
        },
        { manageDefaultResourceId: [vcn], routeRules: [nat] },
    );
    const publicTable = r.add(
        T.table,
        "public",
        {
            vcnId: r.ref("vcn"),
            displayName: "public",
            routeRules: [{ cidrBlock: "0.0.0.0/0", networkEntityId: r.ref("igw") }],
        },
        { ...vcnId, routeRules: [igw] },
    );
    const vcnDefaultListRef = mode === "update" ? ocid("vcn-default-list") : undefined;
    r.add(
        T.subnet,
        "worker",
        {
            vcnId: r.ref("vcn"),
            displayName: "worker",
            cidrBlock: WORKER,
            prohibitPublicIpOnVnic: true,
            securityListIds: [vcnDefaultListRef, r.ref("worker-seclist")],
        },
        { ...vcnId, securityListIds: [vcn, workerList] },
    );
    r.add(
        T.subnet,
        "kmi",
        {
            vcnId: r.ref("vcn"),
            displayName: "control-plane",
            cidrBlock: KMI,
            prohibitPublicIpOnVnic: true,
            securityListIds: [r.ref("kmi-seclist")],
        },
        { ...vcnId, securityListIds: [kmiList] },
    );
    // No securityListIds: OCI gives it the VCN's default security list.
    r.add(
        T.subnet,
        "kmilb",
        {
            vcnId: r.ref("vcn"),
            displayName: "control-plane-endpoint",
            cidrBlock: KMILB,
            prohibitPublicIpOnVnic: false,
            routeTableId: r.ref("public"),
        },
        { ...vcnId, routeTableId: [publicTable] },
    );
    const nsg = r.add(T.nsg, "worker-nsg", { vcnId: r.ref("vcn"), displayName: "worker-nsg" }, vcnId);
    r.add(
        T.nsgRule,
        "worker-nsg-kubelet",
        {
            networkSecurityGroupId: r.ref("worker-nsg"),
            direction: "INGRESS",
            protocol: "6",
            source: KMI,
            sourceType: "CIDR_BLOCK",
            tcpOptions: { destinationPortRange: { min: 10250, max: 10250 } },
        },
        { networkSecurityGroupId: [nsg] },
    );
    return r;
}

function only(records: ResourceRecord[]): NetworkModel {
    const models = modelsFromResources(records);
    assert.equal(models.length, 1);
    return models[0];
}

const sub = (model: NetworkModel, name: string) => model.subnets.find((s) => s.name === name)!;
/** A query; 0.0.0.0/0 as a destination stands for Oracle's "anywhere" (outside the VCN). */
const q = (source: string, destination: string, traffic: Partial<FlowQuery>): FlowQuery => ({
    id: "q",
    source: { cidr: source },
    destination:
        destination === "0.0.0.0/0" ? { cidr: destination, outsideOnly: true } : { cidr: destination },
    protocol: "tcp",
    ...traffic,
});

for (const mode of ["update", "preview"] as const) {
    describe(`modelsFromResources (${mode}: ${mode === "update" ? "by id" : "by propertyDependencies"})`, () => {
        const model = only(oracleRecords(mode).list);

        it("reads the VCN, roles, CIDRs and public flags", () => {
            assert.equal(model.key, urn(T.vcn, "vcn"));
            assert.equal(model.name, "oketest-vcn");
            assert.deepEqual(model.vcnCidrs, [VCN]);
            assert.deepEqual(
                model.subnets.map((s) => [s.name, s.role, s.cidr, s.public, s.unresolved]),
                [
                    ["worker", "worker", WORKER, false, undefined],
                    ["control-plane", "controlPlane", KMI, false, undefined],
                    ["control-plane-endpoint", "controlPlaneEndpoint", KMILB, true, undefined],
                ],
            );
        });

        it("resolves security lists, including the VCN default list by its output id or the VCN dependency", () => {
            assert.deepEqual(
                [...sub(model, "worker").securityListKeys].sort(),
                [urn(T.defaultList, "default-list"), urn(T.list, "worker-seclist")].sort(),
            );
            assert.deepEqual(sub(model, "control-plane").securityListKeys, [urn(T.list, "kmi-seclist")]);
            assert.equal(model.securityLists[urn(T.defaultList, "default-list")].isDefault, true);
        });

        it("uses the default security list for a subnet that lists none", () => {
            assert.deepEqual(sub(model, "control-plane-endpoint").securityListKeys, [
                urn(T.defaultList, "default-list"),
            ]);
            const v = evaluateFlow(model, q(WORKER, KMILB, { protocol: "icmp", icmp: { type: 8 } }));
            assert.equal(v.status, "allowed");
            assert.deepEqual(
                v.ingress.rules.map((r) => [r.name, r.description]),
                [["Default Security List for oketest-vcn", "Allow ping from VCN."]],
            );
        });

        it("resolves route tables (default when none is given) and their gateways", () => {
            assert.equal(sub(model, "worker").routeTableKey, urn(T.defaultTable, "default-table"));
            assert.equal(sub(model, "control-plane-endpoint").routeTableKey, urn(T.table, "public"));
            assert.deepEqual(model.routeTables[urn(T.table, "public")].rules, [
                { destination: "0.0.0.0/0", targetKey: urn(T.igw, "igw") },
            ]);
            const v = evaluateFlow(model, q(WORKER, "0.0.0.0/0", { ports: { min: 443, max: 443 } }));
            assert.equal(v.status, "allowed");
            assert.deepEqual(v.route, {
                status: "routed",
                routeTable: "Default - private",
                rule: "0.0.0.0/0",
                gateway: { name: "VCN nat g6s", kind: "nat" },
            });
        });

        it("gives the role's NSG to the role's subnet only", () => {
            assert.deepEqual(sub(model, "worker").nsgKeys, [urn(T.nsg, "worker-nsg")]);
            assert.deepEqual(sub(model, "control-plane").nsgKeys, []);
            const v = evaluateFlow(model, q(KMI, WORKER, { ports: { min: 10250, max: 10250 } }));
            assert.equal(v.ingress.status, "allowed");
            assert.deepEqual(
                v.ingress.rules.map((r) => [r.container, r.name]),
                [["nsg", "worker-nsg"]],
            );
            // kmi-seclist has no egress rules and control-plane does not use the default list.
            assert.equal(v.egress.status, "denied");
            assert.equal(v.status, "denied");
            // The NSG's rule (from kmi_cidr) does not apply to control-plane VNICs, which do not carry it.
            assert.equal(
                evaluateFlow(model, q(KMI, KMI, { ports: { min: 10250, max: 10250 } })).ingress.status,
                "denied",
            );
        });

        it("converts rule fields: ports, source-port ranges, protocols", () => {
            const worker = model.securityLists[urn(T.list, "worker-seclist")];
            assert.deepEqual(worker.ingress[0].dstPorts, { min: 22, max: 22 });
            assert.equal(worker.ingress[1].protocol, "17");
            assert.deepEqual(worker.ingress[2].srcPorts, { min: 1024, max: 65535 });
            // The node-port rule restricts source ports, so it does not allow every client.
            assert.equal(
                evaluateFlow(model, q(CLIENTS, WORKER, { ports: { min: 30000, max: 32767 } })).status,
                "denied",
            );
            // The SSH rule from vcn_cidr lets the bastion in (its egress half is not what this test is about).
            assert.equal(
                evaluateFlow(model, q(VCN, WORKER, { ports: { min: 22, max: 22 } })).ingress.status,
                "allowed",
            );
        });
    });
}

describe("modelsFromResources: update and preview agree", () => {
    it("builds the same model either way", () => {
        const normalize = (m: NetworkModel): NetworkModel => ({
            ...m,
            subnets: m.subnets.map((s) => ({ ...s, securityListKeys: [...s.securityListKeys].sort() })),
        });
        assert.deepEqual(
            normalize(only(oracleRecords("preview").list)),
            normalize(only(oracleRecords("update").list)),
        );
    });
});

describe("modelsFromResources: what cannot be resolved", () => {
    it("an unmanaged default security list has unknown rules, so flows through it are unknown", () => {
        const model = only(oracleRecords("update", { defaultList: false }).list);
        const kmilb = sub(model, "control-plane-endpoint");
        assert.deepEqual(kmilb.securityListKeys, [`${urn(T.vcn, "vcn")}#default-security-list`]);
        assert.ok(model.notes?.some((n) => n.includes("not managed by these resources")));
        assert.equal(
            evaluateFlow(model, q(CLIENTS, KMILB, { ports: { min: 6443, max: 6443 } })).status,
            "unknown",
        );
    });

    it("a preview subnet whose list ids are unknown and have no dependencies is unresolved, and its flows unknown", () => {
        const r = oracleRecords("preview");
        const worker = r.list.find((x) => x.name === "worker")!;
        worker.inputs.securityListIds = [{ __pulumiUnknown: true }, { __pulumiUnknown: true }];
        worker.propertyDependencies = { vcnId: [urn(T.vcn, "vcn")] };
        const model = only(r.list);
        assert.equal(sub(model, "worker").unresolved, true);
        assert.deepEqual(sub(model, "worker").unresolvedParts, ["securityLists"]);
        const v = evaluateFlow(model, q(CLIENTS, WORKER, { ports: { min: 30000, max: 32767 } }));
        assert.equal(v.status, "unknown");
        assert.match(v.reasons.join("\n"), /security lists or NSGs of subnet worker could not be resolved/);
    });

    it("route rules with unknown targets and two candidate gateways are unknown, not guessed", () => {
        const r = oracleRecords("preview");
        const table = r.list.find((x) => x.name === "default-table")!;
        table.inputs.routeRules = [
            { destination: "0.0.0.0/0", networkEntityId: undefined },
            { destination: "10.0.0.0/8", networkEntityId: undefined },
        ];
        table.propertyDependencies = {
            manageDefaultResourceId: [urn(T.vcn, "vcn")],
            routeRules: [urn(T.nat, "nat"), urn(T.igw, "igw")],
        };
        const model = only(r.list);
        assert.deepEqual(model.routeTables[urn(T.defaultTable, "default-table")].rules, [
            { destination: "0.0.0.0/0", unknown: true },
            { destination: "10.0.0.0/8", unknown: true },
        ]);
        assert.equal(
            evaluateFlow(model, q(WORKER, "0.0.0.0/0", { ports: { min: 80, max: 80 } })).route.status,
            "unknown",
        );
    });

    it("a DefaultRouteTable whose VCN cannot be resolved makes default routes unknown, not empty", () => {
        const r = oracleRecords("preview");
        r.list.find((x) => x.name === "default-table")!.propertyDependencies = {
            routeRules: [urn(T.nat, "nat")],
        };
        const model = only(r.list);
        assert.equal(sub(model, "worker").routeTableKey, `${urn(T.vcn, "vcn")}#default-route-table`);
        const v = evaluateFlow(model, q(WORKER, "0.0.0.0/0", { ports: { min: 80, max: 80 } }));
        assert.equal(v.route.status, "unknown");
        assert.ok(
            model.notes?.includes("default route table Default - private: its VCN could not be resolved"),
        );
    });

    it("an existing gateway's OCID becomes a gateway of the kind its OCID names", () => {
        const r = oracleRecords("update");
        const table = r.list.find((x) => x.name === "default-table")!;
        table.inputs.routeRules = [
            { destination: "0.0.0.0/0", networkEntityId: "ocid1.natgateway.oc1.phx.existing" },
        ];
        const model = only(r.list);
        assert.deepEqual(model.gateways["ocid1.natgateway.oc1.phx.existing"], {
            key: "ocid1.natgateway.oc1.phx.existing",
            name: "ocid1.natgateway.oc1.phx.existing",
            kind: "nat",
        });
        assert.equal(
            evaluateFlow(model, q(WORKER, "0.0.0.0/0", { ports: { min: 80, max: 80 } })).route.status,
            "routed",
        );
    });
});

describe("modelsFromResources: roles from options", () => {
    it("maps subnets and NSGs whose names differ from Oracle's", () => {
        const r = oracleRecords("update");
        const worker = r.list.find((x) => x.name === "worker")!;
        worker.inputs.displayName = "nodes";
        const nsg = r.list.find((x) => x.name === "worker-nsg")!;
        nsg.inputs.displayName = "node-security";
        const withoutOptions = only(r.list);
        assert.equal(sub(withoutOptions, "nodes").role, undefined);
        assert.deepEqual(sub(withoutOptions, "nodes").nsgKeys, []);
        const models = modelsFromResources(r.list, {
            roles: { [worker.urn]: "worker" },
            nsgRoles: { [ocid("worker-nsg")]: "worker" },
        });
        assert.equal(sub(models[0], "nodes").role, "worker");
        assert.deepEqual(sub(models[0], "nodes").nsgKeys, [nsg.urn]);
    });

    it("reads NSG egress rules and ICMP codes", () => {
        const r = oracleRecords("update");
        r.add(T.nsgRule, "worker-nsg-egress", {
            networkSecurityGroupId: ocid("worker-nsg"),
            direction: "EGRESS",
            protocol: "1",
            destination: "0.0.0.0/0",
            destinationType: "CIDR_BLOCK",
            icmpOptions: { type: 3, code: 4 },
            stateless: true,
        });
        const rules = only(r.list).nsgs[urn(T.nsg, "worker-nsg")].rules;
        assert.deepEqual(
            rules.map((x) => [x.direction, x.protocol, x.peer, x.icmp, x.stateless, x.origin.index]),
            [
                ["ingress", "6", KMI, undefined, false, 0],
                ["egress", "1", "0.0.0.0/0", { type: 3, code: 4 }, true, 1],
            ],
        );
    });
});
