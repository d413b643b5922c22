import type { ResourceRecord } from "../resources";
import { OCI_TYPES } from "../from-resources";

/*
 * What every ingestion produces: resource records in the `@pulumi/oci` shapes the model builder reads, the
 * name each record goes by in the source (Terraform address, OCI id, logical name), and what could not be
 * read with certainty. Evaluation and presentation take it from there.
 */

/** The Pulumi type tokens of the OCI resources an existing network is read into. */
export const TOKENS = {
    ...OCI_TYPES,
    natGateway: "oci:Core/natGateway:NatGateway",
    internetGateway: "oci:Core/internetGateway:InternetGateway",
    serviceGateway: "oci:Core/serviceGateway:ServiceGateway",
    drg: "oci:Core/drg:Drg",
    localPeeringGateway: "oci:Core/localPeeringGateway:LocalPeeringGateway",
} as const;

/** Which source the records came from. */
export type IngestSource = "terraform-state" | "terraform-plan" | "oci-export" | "stack-export";

/** An existing network read from a file or directory. */
export interface IngestedNetwork {
    /** The format read. */
    source: IngestSource;
    /** The records, one per OCI resource. */
    records: ResourceRecord[];
    /** Record URN → the name the source gives it (Terraform address, OCI id, Pulumi logical name). */
    labels: Record<string, string>;
    /** What could not be resolved or had to be assumed, as sentences. */
    notes: string[];
}
