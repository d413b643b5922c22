import * as assert from "node:assert/strict";
import { analyzeNetwork, type AnalyzeOptions } from "../../../src/analysis/analyze";
import type { NetworkModel } from "../../../src/analysis/model/model";
import type { ResolvedFlow } from "../../../src/catalogue/types";
import { CLIENTS, VCN, WORKER, list, nsgRules, setList } from "../models";
import { compliantFlows, compliantModel, workerIngress } from "../report-models";
import type { Finding, FindingKind } from "../../../src/analysis/checks/finding";

/*
 * Every finding kind on hand-built models. Each test proves it can fail both ways: the compliant network
 * gives no finding of the kind, and one mutation gives exactly that finding (and no other).
 */

function findings(model: NetworkModel, flows = compliantFlows(), options: AnalyzeOptions = {}): Finding[] {
    return analyzeNetwork(model, flows, options).findings;
}

/** Asserts the mutated model has exactly one finding, of `kind`, and returns it. */
function exactlyOne(
    model: NetworkModel,
    kind: FindingKind,
    flows?: ResolvedFlow[],
    options?: AnalyzeOptions,
): Finding {
    const found = findings(model, flows, options);
    assert.deepEqual(
        found.map((f) => f.kind),
        [kind],
        found.map((f) => `${f.kind}: ${f.message}`).join("\n"),
    );
    return found[0];
}

const tcp = (min: number, max = min) => ({ protocol: "6", dstPorts: { min, max } });

describe("findings: the compliant network", () => {
    it("has no finding of any kind, and every flow holds", () => {
        const report = analyzeNetwork(compliantModel(), compliantFlows());
        assert.deepEqual(report.findings, []);
        assert.equal(report.summary.failing, 0);
        assert.equal(report.summary.holding, 4);
    });
});

describe("finding: unused-rule", () => {
    it("flags a rule no required or declared flow uses, with its list and 1-based index", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [...workerIngress(), { ...tcp(8080), peer: VCN }],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        const f = exactlyOne(model, "unused-rule");
        assert.equal(f.severity, "low");
        assert.equal(f.subject.text, "worker-seclist ingress rule 3");
        assert.equal(f.subject.index, 2);
        assert.match(
            f.message,
            /TCP 8080 ingress from 172\.31\.252\.0\/23 serves no required or declared flow/,
        );
    });

    it("counts a declared flow as a use: declaring the flow removes the finding", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [...workerIngress(), { ...tcp(8080), peer: VCN }],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        const declared: ResolvedFlow = {
            ...compliantFlows()[0],
            id: "extra-app",
            ports: { min: 8080, max: 8080 },
            provenance: "user",
        };
        assert.deepEqual(findings(model, [...compliantFlows(), declared]), []);
    });

    it("is medium for unused ingress from outside the VCN", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [...workerIngress(), { ...tcp(9000), peer: CLIENTS }],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        assert.equal(exactlyOne(model, "unused-rule").severity, "medium");
    });
});

describe("finding: ingress-from-anywhere", () => {
    const flows = (): ResolvedFlow[] => [
        ...compliantFlows(),
        {
            id: "extra-lb-https",
            description: "public HTTPS",
            source: { cidrs: ["0.0.0.0/0"] },
            destination: { role: "serviceLb", cidrs: ["172.31.252.0/25"] },
            protocol: "tcp",
            ports: { min: 443, max: 443 },
            refs: [],
            provenance: "user",
        },
    ];
    const mutated = (): NetworkModel =>
        setList(compliantModel(), "workerlb-seclist", [{ ...tcp(443), peer: "0.0.0.0/0" }]);

    it("flags TCP from 0.0.0.0/0 even when a declared flow uses it (high)", () => {
        const f = exactlyOne(mutated(), "ingress-from-anywhere", flows());
        assert.equal(f.severity, "high");
        assert.equal(f.subject.text, "workerlb-seclist ingress rule 1");
        assert.match(f.message, /TCP 443 is open to 0\.0\.0\.0\/0/);
    });

    it("accepts ICMP types 3 and 11 (Oracle's default list) and configured exceptions", () => {
        assert.deepEqual(
            findings(mutated(), flows(), {
                anywhereExceptions: [{ protocol: "tcp", ports: { min: 443, max: 443 } }],
            }),
            [],
        );
        const icmp11 = setList(compliantModel(), "default", [
            { protocol: "1", peer: "0.0.0.0/0", icmp: { type: 3 } },
            { protocol: "1", peer: "0.0.0.0/0", icmp: { type: 11 } },
        ]);
        const withTimeExceeded: ResolvedFlow = {
            ...compliantFlows()[3],
            id: "time-exceeded",
            icmp: { type: 11 },
        };
        assert.deepEqual(findings(icmp11, [...compliantFlows(), withTimeExceeded]), []);
    });

    it("judges the union of a list's sources per port: 0.0.0.0/1 + 128.0.0.0/1 is the world", () => {
        const halves = setList(compliantModel(), "workerlb-seclist", [
            { ...tcp(443), peer: "0.0.0.0/1" },
            { ...tcp(443), peer: "128.0.0.0/1" },
        ]);
        const open = findings(halves, flows()).filter((f) => f.kind === "ingress-from-anywhere");
        assert.deepEqual(
            open.map((f) => [f.severity, f.subject.text]),
            [
                ["high", "workerlb-seclist ingress rule 1"],
                ["high", "workerlb-seclist ingress rule 2"],
            ],
        );
        assert.match(
            open[0].message,
            /together with rule 2 \(128\.0\.0\.0\/1\), is open to the world for TCP 443/,
        );
    });

    it("halves on different ports are not the world on either port; private space never counts", () => {
        const split = setList(compliantModel(), "workerlb-seclist", [
            { ...tcp(443), peer: "0.0.0.0/1" },
            { ...tcp(80), peer: "128.0.0.0/1" },
            { ...tcp(80), peer: "10.0.0.0/8" },
        ]);
        const open = findings(split, flows()).filter((f) => f.kind === "ingress-from-anywhere");
        // Each /1 alone still covers far more than a /8 of routable space: both flagged, the private rule not.
        assert.deepEqual(
            open.map((f) => f.subject.text),
            ["workerlb-seclist ingress rule 1", "workerlb-seclist ingress rule 2"],
        );
        const privateOnly = setList(compliantModel(), "workerlb-seclist", [
            { ...tcp(443), peer: "10.0.0.0/8" },
            { ...tcp(443), peer: "172.16.0.0/12" },
            { ...tcp(443), peer: "100.64.0.0/10" },
            { ...tcp(443), peer: "192.168.0.0/16" },
        ]);
        assert.deepEqual(
            findings(privateOnly, flows()).filter((f) => f.kind === "ingress-from-anywhere"),
            [],
        );
    });

    it("an acknowledged opening stays visible as an info finding with its reason", () => {
        const f = exactlyOne(mutated(), "ingress-from-anywhere", flows(), {
            acknowledgedAnywhere: [
                {
                    protocol: "tcp",
                    ports: { min: 443, max: 443 },
                    reason: "serviceLbIngress.https: public site",
                },
            ],
        });
        assert.equal(f.severity, "info");
        assert.match(f.message, /acknowledged in the config: serviceLbIngress\.https: public site/);
    });

    it("an exception for other ports does not hide it", () => {
        const f = findings(mutated(), flows(), {
            anywhereExceptions: [{ protocol: "tcp", ports: { min: 80, max: 80 } }],
        });
        assert.deepEqual(
            f.map((x) => x.kind),
            ["ingress-from-anywhere"],
        );
    });
});

describe("finding: all-protocols", () => {
    it("flags an all-protocol rule serving a TCP flow, naming what the flows need", () => {
        const model = setList(compliantModel(), "worker-seclist", workerIngress(), [
            { protocol: "all", peer: "0.0.0.0/0" },
        ]);
        const f = exactlyOne(model, "all-protocols");
        assert.equal(f.severity, "low");
        assert.equal(f.subject.text, "worker-seclist egress rule 1");
        // It also carries the worker part of the bastion and ICMP-error sources (both overlap the worker subnet).
        assert.match(f.message, /where the flows it serves need TCP 22, TCP 443, ICMP/);
    });

    it("accepts it when a flow itself needs every protocol", () => {
        const model = setList(compliantModel(), "worker-seclist", workerIngress(), [
            { protocol: "all", peer: "0.0.0.0/0" },
        ]);
        const all: ResolvedFlow = { ...compliantFlows()[2], id: "egress-all", protocol: "all" };
        delete all.ports;
        assert.deepEqual(findings(model, [...compliantFlows(), all]), []);
    });
});

describe("finding: wide-port-range", () => {
    it("flags a port range wider than every flow it serves, and suggests the narrower range", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [workerIngress()[0], { ...tcp(1, 65535), peer: CLIENTS }],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        const f = exactlyOne(model, "wide-port-range");
        assert.equal(f.severity, "medium");
        assert.equal(f.subject.text, "worker-seclist ingress rule 2");
        assert.match(f.fix, /narrow it to TCP 30000-32767/);
    });
});

describe("findings: duplicate-rule and shadowed-rule", () => {
    it("flags an exact duplicate on the later copy", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [...workerIngress(), workerIngress()[0]],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        const f = exactlyOne(model, "duplicate-rule");
        assert.equal(f.subject.text, "worker-seclist ingress rule 3");
        assert.match(f.message, /duplicates ingress rule 1 of worker-seclist/);
    });

    it("flags a rule another rule of the same list covers (TCP 22 from the worker subnet under TCP 22 from the VCN)", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [...workerIngress(), { ...tcp(22), peer: WORKER }],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        const f = exactlyOne(model, "shadowed-rule");
        assert.equal(f.subject.text, "worker-seclist ingress rule 3");
        assert.match(f.message, /already allowed by ingress rule 1 of worker-seclist/);
    });

    it("does not compare rules of different lists, directions or statefulness", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [...workerIngress(), { ...tcp(22), peer: WORKER, stateless: true }],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        // The stateless copy is not covered (its semantics differ); it breaks the reply instead.
        assert.ok(!findings(model).some((f) => f.kind === "shadowed-rule" || f.kind === "duplicate-rule"));
    });
});

describe("finding: limit-exceeded", () => {
    /** 32 /13 blocks tiling 10.0.0.0/8: together they serve the NodePort flow, none is unused or shadowed. */
    const tiles = (): { protocol: string; peer: string; dstPorts: { min: number; max: number } }[] =>
        Array.from({ length: 32 }, (_, i) => ({ ...tcp(30000, 32767), peer: `10.${i * 8}.0.0/13` }));

    it("flags a security list with more than 30 ingress rules", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [workerIngress()[0], ...tiles()],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        const f = exactlyOne(model, "limit-exceeded");
        assert.equal(f.severity, "high");
        assert.match(f.message, /worker-seclist has 33 ingress rules; C3 allows at most 30/);
    });

    it("flags an NSG with more than 50 rules", () => {
        const model = compliantModel();
        const rules = [
            ...tiles(),
            ...tiles().map((t) => ({ ...t, dstPorts: { min: 30000, max: 32767 } })),
        ].slice(0, 51);
        model.nsgs.wnsg = {
            key: "wnsg",
            name: "worker-nsg",
            role: "worker",
            rules: nsgRules(
                "worker-nsg",
                rules.map((r) => ({ ...r, direction: "ingress" as const })),
            ),
        };
        model.subnets[0].nsgKeys.push("wnsg");
        const found = findings(model).filter((f) => f.kind === "limit-exceeded");
        assert.equal(found.length, 1);
        assert.match(found[0].message, /NSG worker-nsg has 51 rules; C3 allows at most 50/);
        assert.equal(
            analyzeNetwork(compliantModel(), compliantFlows()).limits.filter((l) => l.measure === "rules")
                .length,
            0,
        );
    });

    it("flags a subnet with more than 5 security lists", () => {
        const model = compliantModel();
        for (const name of ["a", "b", "c", "d"]) model.securityLists[name] = list(name, []);
        model.subnets[0].securityListKeys.push("a", "b", "c", "d");
        const f = exactlyOne(model, "limit-exceeded");
        assert.equal(f.subject.text, "subnet worker");
        assert.match(f.message, /6 security lists; C3 allows at most 5/);
    });

    it("reports every count against its limit", () => {
        const limits = analyzeNetwork(compliantModel(), compliantFlows()).limits;
        const worker = limits.filter((l) => l.subject.name === "worker-seclist");
        assert.deepEqual(
            worker.map((l) => [l.measure, l.count, l.limit]),
            [
                ["ingress rules", 2, 30],
                ["egress rules", 1, 30],
            ],
        );
        assert.deepEqual(limits.find((l) => l.subject.text === "subnet worker")?.count, 2);
    });
});

describe("findings: public/private mismatches", () => {
    it("public-subnet-without-igw-route: a public subnet on the NAT route table", () => {
        const model = compliantModel();
        model.subnets[1].routeTableKey = "private";
        const f = exactlyOne(model, "public-subnet-without-igw-route");
        assert.equal(f.subject.text, "subnet service-lb");
    });

    it("private-subnet-allows-public-ips: the worker subnet made public", () => {
        const model = compliantModel();
        model.subnets[0].public = true;
        model.subnets[0].routeTableKey = "public";
        const f = exactlyOne(model, "private-subnet-allows-public-ips");
        assert.equal(f.severity, "high");
        assert.match(f.message, /subnet worker \(role worker\) must be private/);
    });

    it("private-subnet-allows-public-ips: a public service-lb subnet in a private cluster", () => {
        assert.deepEqual(
            findings(compliantModel(), undefined, { clusterAccess: "private" }).map((f) => f.kind),
            ["private-subnet-allows-public-ips", "private-subnet-allows-public-ips"],
        );
        assert.deepEqual(findings(compliantModel(), undefined, { clusterAccess: "public" }), []);
    });

    it("private-subnet-routes-to-igw: the worker subnet on the public route table", () => {
        const model = compliantModel();
        model.subnets[0].routeTableKey = "public";
        const f = exactlyOne(model, "private-subnet-routes-to-igw");
        assert.equal(f.severity, "medium");
    });
});

describe("finding: reserved-range-overlap", () => {
    it("flags a subnet inside C3's reserved 100.96.2.0/23", () => {
        const model = compliantModel();
        model.subnets.push({
            key: "x",
            name: "extra",
            cidr: "100.96.2.0/24",
            public: false,
            securityListKeys: [],
            routeTableKey: "private",
            nsgKeys: [],
        });
        const f = exactlyOne(model, "reserved-range-overlap");
        assert.equal(f.subject.text, "subnet extra");
        assert.match(f.message, /overlaps 100\.96\.2\.0\/23/);
    });

    it("flags a VCN CIDR overlapping 253.255.0.0/16", () => {
        const model = compliantModel();
        model.vcnCidrs.push("253.255.0.0/24");
        const f = exactlyOne(model, "reserved-range-overlap");
        assert.equal(f.subject.type, "vcn");
    });
});

describe("findings: order and preview", () => {
    it("sorts most severe first and keeps the model order within a severity", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [...workerIngress(), { ...tcp(8080), peer: VCN }, { ...tcp(3389), peer: "0.0.0.0/0" }],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        const kinds = findings(model).map((f) => `${f.severity} ${f.kind} ${f.subject.text}`);
        assert.deepEqual(kinds, [
            "high ingress-from-anywhere worker-seclist ingress rule 4",
            "medium unused-rule worker-seclist ingress rule 4",
            "low unused-rule worker-seclist ingress rule 3",
        ]);
    });

    it("does not judge rules whose fields are unknown (preview)", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [...workerIngress(), { protocol: "", peer: "", unknown: true }],
            [{ ...tcp(443), peer: "0.0.0.0/0" }],
        );
        assert.deepEqual(findings(model), []);
    });
});
