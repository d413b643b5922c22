import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { isMap, isScalar, parseDocument, visit } from "yaml";
import { nonDataProblems } from "../config/plain";
import { escapeUnsafe } from "../config/text";

/*
 * Reading the files a user names, defensively: a config file is input from outside, and `--config
 * /dev/zero`, a FIFO, a 1 GB file, a YAML file with 13,000 keys or a self-referencing alias must be refused
 * at once with a clear message (exit 2), never hang, exhaust memory, take quadratic time or crash.
 */

/** The largest config or stack file read (1 MiB): real configs are a few KiB. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** The most YAML aliases a document may expand (the yaml library's billion-laughs guard). */
const MAX_ALIASES = 100;

/** Bad input the user must fix (exit code 2). */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

function kindOf(stats: {
    isDirectory(): boolean;
    isFIFO(): boolean;
    isCharacterDevice(): boolean;
    isBlockDevice(): boolean;
    isSocket(): boolean;
}): string {
    if (stats.isDirectory()) return "a directory";
    if (stats.isFIFO()) return "a FIFO (named pipe)";
    if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
    if (stats.isSocket()) return "a socket";
    return "not a regular file";
}

/** Reads a regular file of at most {@link MAX_INPUT_BYTES} as UTF-8; anything else is an InputError. */
export function readInputFile(file: string, cwd: string): string {
    const shown = escapeUnsafe(file);
    const path = resolve(cwd, file);
    let fd: number;
    try {
        // stat first: opening a FIFO would block until a writer comes.
        const stats = statSync(path);
        if (!stats.isFile()) throw new InputError(`${shown} is ${kindOf(stats)}; give a YAML or JSON file`);
        fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(
            `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        );
    }
    try {
        const stats = fstatSync(fd);
        if (!stats.isFile()) throw new InputError(`${shown} is ${kindOf(stats)}; give a YAML or JSON file`);
        if (stats.size > MAX_INPUT_BYTES) throw tooLarge(shown);
        const buffer = Buffer.alloc(MAX_INPUT_BYTES + 1);
        let length = 0;
        for (let n = 1; n > 0 && length <= MAX_INPUT_BYTES; length += n)
            n = readSync(fd, buffer, length, buffer.length - length, null);
        if (length > MAX_INPUT_BYTES) throw tooLarge(shown);
        return buffer.subarray(0, length).toString("utf8");
    } finally {
        closeSync(fd);
    }
}

function tooLarge(shown: string): InputError {
    return new InputError(
        `${shown} is larger than ${MAX_INPUT_BYTES} bytes (1 MiB); a config file is a few KiB`,
    );
}

/**
 * Parses YAML (a superset of JSON) in linear time: the yaml library's own duplicate-key check compares every
 * key with every other, so it is off and a Set per mapping finds duplicates instead. Duplicate keys, cyclic
 * aliases and alias bombs are refused.
 */
export function parseInputDocument(text: string, file: string): unknown {
    const shown = escapeUnsafe(file);
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0)
        throw new InputError(
            `${shown} is not valid YAML or JSON: ${escapeUnsafe(doc.errors[0].message.split("\n")[0])}`,
        );
    const duplicate = firstDuplicateKey(doc);
    if (duplicate !== undefined)
        throw new InputError(
            `${shown} repeats the key "${escapeUnsafe(duplicate)}" in one mapping; keep one`,
        );
    let value: unknown;
    try {
        value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
        throw new InputError(
            `${shown} cannot be read: ${escapeUnsafe((error as Error).message.split("\n")[0])}`,
        );
    }
    const cycle = nonDataProblems(value, new Set()).find(
        (p) => p.value === "[circular]" || p.value === "[nested]",
    );
    if (cycle !== undefined)
        throw new InputError(
            `${shown}: ${escapeUnsafe(cycle.path)} ${cycle.message} (a YAML alias inside its own anchor); write the value out`,
        );
    return value;
}

function firstDuplicateKey(doc: ReturnType<typeof parseDocument>): string | undefined {
    let found: string | undefined;
    visit(doc, {
        Map(_key, map) {
            if (!isMap(map)) return undefined;
            const seen = new Set<string>();
            for (const pair of map.items) {
                const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
                if (seen.has(key)) {
                    found = key;
                    return visit.BREAK;
                }
                seen.add(key);
            }
            return undefined;
        },
    });
    return found;
}
