/*
 * Test-only speed-up. Pulumi captures a full stack trace for every resource it registers
 * (`Error.stackTraceLimit = Infinity`, then `new Error().stack`); under ts-node each frame is mapped
 * through source maps, which makes a mock run about 3x slower than on compiled JavaScript. Those captures
 * only label resources, so they get V8's plain formatting; every other stack trace (a failing assertion)
 * keeps its source-mapped lines.
 */
type Prepare = (error: Error, frames: NodeJS.CallSite[]) => unknown;

const mapped = Error.prepareStackTrace?.bind(Error) as Prepare | undefined;

function plainFrame(frame: NodeJS.CallSite): string {
    const where = `${frame.getFileName() ?? "<anonymous>"}:${frame.getLineNumber() ?? 0}:${frame.getColumnNumber() ?? 0}`;
    const name = frame.getFunctionName();
    return name === null ? where : `${name} (${where})`;
}

Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): unknown => {
    if (Error.stackTraceLimit !== Number.POSITIVE_INFINITY && mapped !== undefined)
        return mapped(error, frames);
    return `${error.name}: ${error.message}${frames.map((frame) => `\n    at ${plainFrame(frame)}`).join("")}`;
};
