/**
 * `oke-c3-network/testing`: the offline mock run. It runs a Pulumi program (the component, or any program)
 * under `pulumi.runtime.setMocks` and returns every registered resource as a record the analyzer reads, so
 * a test or a CI job can prove a network without an engine or a cloud.
 */
export { recordProgram, valueOf, type RecordedRun, type RecordOptions } from "./mock-run";
