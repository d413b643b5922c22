// The oke-c3-network policy pack: run it with `pulumi preview --policy-pack <this directory>`.
// The policies live in the package (`oke-c3-network/policy`) so they are typed, tested and versioned with
// the analyzer they use; this file only registers them. Types come from `../src/policy` in the repository
// (tsconfig `paths`) and from the installed package's `exports` everywhere else.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "oke-c3-network/policy";

new PolicyPack("oke-c3-network", {
    displayName: "OKE on Compute Cloud@Customer: network",
    description:
        "Checks every OKE workload-cluster network of the stack on C3: Oracle's documented flows are open, " +
        "and nothing more is.",
    provider: "oci",
    tags: ["oci", "oke", "compute-cloud-at-customer", "network", "security-list"],
    repository: "https://github.com/oke-c3-network/oke-c3-network",
    policies,
});
