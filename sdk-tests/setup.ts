/*
 * Test-only speed-up. Pulumi captures a full stack trace for every resource it registers
 * (`Error.stackTraceLimit = Infinity`, then `new Error().stack`); under ts-node each frame is mapped
 * through source maps, which makes a mock run about 3x slower than on compiled JavaScript. Its runtime also
 * tags every promise it makes with `new Error().stack` (debuggable.js), read only to report a leaked promise:
 * thousands per mock run. Mapping those made a component run under mocks about 5x slower (500 ms instead of
 * 100 ms for 40 resources), and formatting all their frames cost another 30%. So the resource captures get
 * V8's plain formatting, the promise tags their first frames plainly, and every other stack trace (a failing
 * assertion) keeps its source-mapped lines.
 */
import { sep } from "node:path";

type Prepare = (error: Error, frames: NodeJS.CallSite[]) => unknown;

const mapped = Error.prepareStackTrace?.bind(Error) as Prepare | undefined;

function plainFrame(frame: NodeJS.CallSite): string {
    const where = `${frame.getFileName() ?? "<anonymous>"}:${frame.getLineNumber() ?? 0}:${frame.getColumnNumber() ?? 0}`;
    const name = frame.getFunctionName();
    return name === null ? where : `${name} (${where})`;
}

/** Where the SDK captures a resource's label: its constructor, which reads the declaring frame from it. */
const RESOURCE_LABEL = `${sep}@pulumi${sep}pulumi${sep}resource.js`;
/** Where the SDK tags each promise it makes, read only to report a leaked promise. */
const PROMISE_TAG = `${sep}@pulumi${sep}pulumi${sep}runtime${sep}debuggable.js`;
/** Frames kept in a promise tag: enough to find a leaked promise's maker, not thousands per mock run. */
const PROMISE_TAG_FRAMES = 4;

function plainTrace(error: Error, frames: readonly NodeJS.CallSite[]): string {
    return `${error.name}: ${error.message}${frames.map((frame) => `\n    at ${plainFrame(frame)}`).join("")}`;
}

/*
 * The frame that made the capture, not `Error.stackTraceLimit`, tells the SDK's labels apart: mocha's serial
 * runner sets the limit to Infinity for every error.
 */
Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): unknown => {
    const file = frames[0]?.getFileName() ?? "";
    if (file.endsWith(RESOURCE_LABEL)) return plainTrace(error, frames);
    if (file.endsWith(PROMISE_TAG)) return plainTrace(error, frames.slice(0, PROMISE_TAG_FRAMES));
    return mapped === undefined ? plainTrace(error, frames) : mapped(error, frames);
};
