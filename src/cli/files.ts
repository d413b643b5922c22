import { resolve } from "node:path";
import { isMap, isScalar, parseDocument, visit } from "yaml";
import { nonDataProblems } from "../config/plain";
import { readBoundedFile, UnreadableFileError } from "../config/read-file";

export { MAX_INPUT_BYTES } from "../config/read-file";
import { escapeUnsafe } from "../config/text";

/*
 * Reading the config files a user names, defensively: a config file is input from outside, and `--config
 * /dev/zero`, a FIFO, a 1 GB file, a YAML file with 13,000 keys or a self-referencing alias must be refused
 * at once with a clear message (exit 2), never hang, exhaust memory, take quadratic time or crash.
 */

/** The most YAML aliases a document may expand (the yaml library's billion-laughs guard). */
const MAX_ALIASES = 100;

/** Bad input the user must fix (exit code 2). */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

/** Reads a config or stack file through the package's one bounded reader. */
export function readInputFile(file: string, cwd: string): string {
    try {
        return readBoundedFile(resolve(cwd, file), file, "a YAML or JSON file");
    } catch (error) {
        if (error instanceof UnreadableFileError) throw new InputError(error.message);
        throw error;
    }
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
