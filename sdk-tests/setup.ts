/*
 * Test-only speed-up. Pulumi captures a full stack trace for every resource it registers
 * (`Error.stackTraceLimit = Infinity`, then `new Error().stack`); under ts-node each frame is mapped
 * through source maps, which makes a mock run about 3x slower than on compiled JavaScript. Its runtime also
 * tags every promise it makes with `new Error().stack` (debuggable.js), read only to report a leaked promise;
 * mapping those made a component run under mocks about 5x slower (500 ms instead of 100 ms for 40
 * resources). Both captures only label things, so they get V8's plain formatting; every other stack trace
 * (a failing assertion) keeps its source-mapped lines.
 */
import { sep } from "node:path";

type Prepare = (error: Error, frames: NodeJS.CallSite[]) => unknown;

const mapped = Error.prepareStackTrace?.bind(Error) as Prepare | undefined;

function plainFrame(frame: NodeJS.CallSite): string {
    const where = `${frame.getFileName() ?? "<anonymous>"}:${frame.getLineNumber() ?? 0}:${frame.getColumnNumber() ?? 0}`;
    const name = frame.getFunctionName();
    return name === null ? where : `${name} (${where})`;
}

/** Where the SDK captures those labels: the Resource constructor and its promise tags. */
const LABEL_CAPTURES = [
    `${sep}@pulumi${sep}pulumi${sep}resource.js`,
    `${sep}@pulumi${sep}pulumi${sep}runtime${sep}debuggable.js`,
];

/**
 * Whether the SDK itself made this capture, to label a resource or a promise. Mocha's serial runner sets
 * `Error.stackTraceLimit = Infinity` for every error, so the frame, not the limit, tells them apart.
 */
function isSdkLabel(frames: NodeJS.CallSite[]): boolean {
    const file = frames[0]?.getFileName() ?? "";
    return LABEL_CAPTURES.some((capture) => file.endsWith(capture));
}

Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): unknown => {
    if (!isSdkLabel(frames) && mapped !== undefined) return mapped(error, frames);
    return `${error.name}: ${error.message}${frames.map((frame) => `\n    at ${plainFrame(frame)}`).join("")}`;
};
