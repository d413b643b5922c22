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

/** Pulumi's runtime tags every promise it makes with `new Error().stack`, read only to report a leak. */
function isPromiseTag(frames: NodeJS.CallSite[]): boolean {
    return frames[0]?.getFileName()?.endsWith(`${sep}runtime${sep}debuggable.js`) === true;
}

Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): unknown => {
    if (Error.stackTraceLimit !== Number.POSITIVE_INFINITY && !isPromiseTag(frames) && mapped !== undefined)
        return mapped(error, frames);
    return `${error.name}: ${error.message}${frames.map((frame) => `\n    at ${plainFrame(frame)}`).join("")}`;
};
