/*
 * The offline mock run lives in `testing/mock-run` (public Pulumi SDK API only); this path stays for the
 * CLI, the public `oke-c3-network/analysis` entry point and the tests that import it.
 */
export { recordProgram, valueOf, type RecordedRun, type RecordOptions } from "../testing/mock-run";
