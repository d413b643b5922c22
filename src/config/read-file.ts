import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { escapeUnsafe } from "./text";

/*
 * The one way this package reads a file a user names (a config, a stack file, a Terraform state, an OCI
 * export): `/dev/zero`, a FIFO, a directory or a 1 GB file must be refused at once with a clear message,
 * never hang or exhaust memory. stat first (opening a FIFO would block until a writer comes), then a
 * non-blocking open and fstat on the descriptor, so the checked file is the one read.
 */

/** The largest input file read (1 MiB): real configs are a few KiB, a C3 network's state a few dozen. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** A file that cannot be read as input: not there, not a regular file, or too large. */
export class UnreadableFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UnreadableFileError";
    }
}

interface Kind {
    isFile(): boolean;
    isDirectory(): boolean;
    isFIFO(): boolean;
    isCharacterDevice(): boolean;
    isBlockDevice(): boolean;
}

function kindOf(stats: Kind): string {
    if (stats.isDirectory()) return "a directory";
    if (stats.isFIFO()) return "a FIFO (named pipe)";
    if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
    return "not a regular file";
}

function notRegular(shown: string, stats: Kind, what: string): UnreadableFileError {
    return new UnreadableFileError(`${shown} is ${kindOf(stats)}; give ${what}`);
}

function tooLarge(shown: string, what: string): UnreadableFileError {
    return new UnreadableFileError(
        `${shown} is larger than ${MAX_INPUT_BYTES} bytes (1 MiB), the limit for ${what}`,
    );
}

/**
 * Reads a regular file of at most {@link MAX_INPUT_BYTES} as UTF-8. `shownAs` is how messages name it
 * (escaped before printing); `what` says what the file should be ("a YAML or JSON file").
 */
export function readBoundedFile(path: string, shownAs: string, what: string): string {
    const shown = escapeUnsafe(shownAs);
    let fd: number;
    try {
        const stats = statSync(path);
        if (!stats.isFile()) throw notRegular(shown, stats, what);
        fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
        if (error instanceof UnreadableFileError) throw error;
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new UnreadableFileError(`cannot read ${shown}: ${code}`);
    }
    try {
        const stats = fstatSync(fd);
        if (!stats.isFile()) throw notRegular(shown, stats, what);
        if (stats.size > MAX_INPUT_BYTES) throw tooLarge(shown, what);
        // Read one byte past the cap: a file that grows after fstat is still caught.
        const buffer = Buffer.alloc(MAX_INPUT_BYTES + 1);
        let length = 0;
        for (let n = 1; n > 0 && length <= MAX_INPUT_BYTES; length += n)
            n = readSync(fd, buffer, length, buffer.length - length, null);
        if (length > MAX_INPUT_BYTES) throw tooLarge(shown, what);
        return buffer.subarray(0, length).toString("utf8");
    } finally {
        closeSync(fd);
    }
}
