import { evaluateFlow, flowQueries } from "../analysis/evaluate/evaluate";
import { stackPolicy, type CheckOutcome, type StackCheck } from "./define";
import { checkEachNetwork, type OkeNetwork } from "./networks";
import { emptyResult, type CheckResult } from "./report";
import { requiredFlowsCheck, requirementsOf, type RequiredFlowsConfig } from "./required-flows";
import type { StackView } from "./stack";

/*
 * oke-c3-route-assumptions: what the required flows' verdicts take for granted about paths outside the
 * network, stated. `oke-c3-required-flows` passes a flow whose route leaves the records (kube clients
 * reaching a private subnet over a DRG or on-premises route nobody declared, a route to a private IP whose
 * forwarding the records do not show), as the CLI's plan does with a ✔ and an ASSUMPTIONS list; this
 * advisory policy is that list in a preview, one message per assumption with the flows resting on it, so a
 * passing flow never rests on a path nobody sees. Declaring the route (`routeRules` to a DRG or LPG) proves
 * it and the message goes away.
 */

const DEFINITION: StackCheck<RequiredFlowsConfig> = {
    name: "oke-c3-route-assumptions",
    description:
        "States every path outside the network that the required flows of an OKE network are assumed to take (advisory).",
    enforcementLevel: "advisory",
    remediationSteps:
        "Declare the route (routeRules to a DRG or LPG) so the path is proven, or confirm the assumption holds at your site.",
    // The same choices as oke-c3-required-flows: the assumptions are those of its verdicts.
    configSchema: requiredFlowsCheck.configSchema,
    readConfig: (raw) => requiredFlowsCheck.readConfig(raw),
    check: checkRouteAssumptions,
};

/** The check of {@link routeAssumptionsPolicy}. */
export function checkRouteAssumptions(view: StackView, config: RequiredFlowsConfig): CheckOutcome {
    return checkEachNetwork(view, { subnetNames: config.subnetNames }, (network) =>
        assumptionsOf(network, config),
    );
}

/** One message per assumption of the network's holding flows, naming every flow that rests on it. */
function assumptionsOf(network: OkeNetwork, config: RequiredFlowsConfig): CheckResult {
    const flowsBy = new Map<string, string[]>();
    for (const flow of requirementsOf(network, config).flows) {
        for (const verdict of flowQueries(network.model, flow).map((q) => evaluateFlow(network.model, q))) {
            // A denied or undecided flow is oke-c3-required-flows' to report, assumptions included.
            if (verdict.status !== "allowed") continue;
            for (const assumption of verdict.route.assumptions ?? []) {
                const ids = flowsBy.get(assumption) ?? [];
                if (!ids.includes(flow.id)) ids.push(flow.id);
                flowsBy.set(assumption, ids);
            }
        }
    }
    const result = emptyResult();
    const urn = network.vcn?.urn;
    for (const [assumption, ids] of flowsBy) {
        result.violations.push({
            message: `${network.label}: required flow${ids.length > 1 ? "s" : ""} ${ids.join(", ")} hold${ids.length > 1 ? "" : "s"} only if ${assumption}`,
            ...(urn === undefined ? {} : { urn }),
        });
    }
    return result;
}

/** oke-c3-route-assumptions (stack policy, advisory by default). */
export const routeAssumptionsPolicy = stackPolicy(DEFINITION);

/** The definition behind {@link routeAssumptionsPolicy}, for offline runs. */
export const routeAssumptionsCheck = DEFINITION;
