/**
 * A resource as a Pulumi engine sees it: what a mock run records, what a policy pack receives and what a
 * `pulumi stack export` holds. The analyzer builds its {@link NetworkModel} from a list of these.
 */
export interface ResourceRecord {
    /** Pulumi type token, e.g. `oci:Core/subnet:Subnet`. */
    type: string;
    /** Logical name. */
    name: string;
    /** The URN. */
    urn: string;
    /** The physical id (OCID); undefined when unknown (preview of a new resource). */
    id?: string;
    /** The resource's inputs (or state), as plain JSON; unknown values are `undefined`. */
    inputs: Record<string, unknown>;
    /** The parent's URN. */
    parent?: string;
    /** For each input property, the URNs of the resources its value depends on. */
    propertyDependencies?: Record<string, string[]>;
}
