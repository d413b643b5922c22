import { DEFAULT_SERVICE_LB_FRONT_ENDS } from "../c3/defaults";
import type { ResolvedServiceLbIngress } from "./types";

/**
 * Oracle's workerlb-seclist (docs/oracle-c3-network.md §3.3): TCP 80 and 443 from `kube_client_cidr`, the
 * service-LB front-ends a config gets when it declares none, and a check of an existing network requires.
 */
export function defaultServiceLbIngress(kubeClientCidrs: readonly string[]): ResolvedServiceLbIngress[] {
    return DEFAULT_SERVICE_LB_FRONT_ENDS.map(({ name, port }) => ({
        name,
        protocol: "tcp",
        ports: { min: port, max: port },
        sources: [...kubeClientCidrs],
    }));
}
