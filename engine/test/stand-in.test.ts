import * as assert from "node:assert/strict";
import * as oci from "@pulumi/oci";
import * as pulumi from "@pulumi/pulumi";
import { collector, COMPARTMENT, newStack } from "./engine";

/*
 * The stand-in provider's contract, as the engine sees it: secrets stay secret through Create, unknown inputs of a
 * preview stay unknown, ids are `ocid1.<kind>.stand-in.<hash>`, and a VCN's computed default ids derive from its id.
 */

/** A secret value in the state: the signature key, its value and a ciphertext (sdk/go/common/resource/sig). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

interface StateResource {
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

/** The engine's unknown-value sentinel in event payloads. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function program(): Promise<Record<string, unknown>> {
    const vcn = new oci.core.Vcn("vcn", {
        compartmentId: pulumi.secret(COMPARTMENT),
        cidrBlocks: ["172.31.252.0/23"],
        displayName: "stand-in-vcn",
    });
    const subnet = new oci.core.Subnet("subnet", {
        compartmentId: COMPARTMENT,
        vcnId: vcn.id,
        cidrBlock: "172.31.253.0/24",
        securityListIds: [vcn.defaultSecurityListId],
    });
    return Promise.resolve({
        compartmentId: vcn.compartmentId,
        vcnId: vcn.id,
        defaultRouteTableId: vcn.defaultRouteTableId,
        subnetVcnId: subnet.vcnId,
    });
}

describe("the stand-in oci provider under the real engine", function () {
    it("keeps a preview's unknowns unknown, then returns stand-in ids, computed ids and secrets on up", async () => {
        const stack = await newStack(
            { name: "oke-c3-engine-stand-in", runtime: "nodejs" },
            "contract",
            program,
        );
        const { events, onEvent } = collector();
        await stack.preview({ onEvent });
        const subnet = events.raw.find((e) => e.resourcePreEvent?.metadata.type === "oci:Core/subnet:Subnet");
        const inputs = subnet?.resourcePreEvent?.metadata.new?.inputs as Record<string, unknown> | undefined;
        assert.equal(inputs?.vcnId, UNKNOWN, JSON.stringify(inputs));
        assert.deepEqual(inputs?.securityListIds, [UNKNOWN]);

        const up = await stack.up();
        const vcnId = up.outputs.vcnId.value as string;
        assert.match(vcnId, /^ocid1\.vcn\.stand-in\.[0-9a-f]{12}$/);
        assert.equal(up.outputs.subnetVcnId.value, vcnId);
        assert.equal(
            up.outputs.defaultRouteTableId.value,
            `${vcnId.replace("ocid1.vcn.", "ocid1.routetable.")}-default`,
        );
        assert.deepEqual(up.outputs.compartmentId, { value: COMPARTMENT, secret: true });
        // In the state the VCN's compartment is a secret, in its inputs and in what the provider returned
        // (the Automation API exports with --show-secrets, so the secret shows its plaintext).
        const resources = ((await stack.exportStack()).deployment as { resources: StateResource[] })
            .resources;
        const vcn = resources.find((r) => r.type === "oci:Core/vcn:Vcn");
        for (const side of [vcn?.inputs, vcn?.outputs]) {
            const value = side?.compartmentId as Record<string, unknown> | undefined;
            assert.equal(value?.[SECRET_SIG], SECRET_SIG_VALUE, JSON.stringify(side));
            assert.equal(value?.plaintext, JSON.stringify(COMPARTMENT));
        }
    });
});
