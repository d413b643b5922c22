import { readdirSync, statSync } from "node:fs";
import { didYouMean as nearestKey } from "../../../config/keys";
import { readBoundedFile, UnreadableFileError } from "../../../config/read-file";
import { UNKNOWN_SENTINEL } from "../resource-values";

/*
 * What the ingestion of existing networks (Terraform JSON, OCI CLI exports) shares: a refusal that names the
 * file, the resource, the path, the value and a fix; reading a file safely (regular files only, at most
 * MAX_INPUT_BYTES, JSON); and typed field readers that refuse a wrong type instead of guessing. Ingestion
 * only translates: evaluation stays in the analyzer, presentation in the CLI.
 */

export { MAX_INPUT_BYTES } from "../../../config/read-file";

/** Bad input: the file is not the named format, or a resource has a missing or wrong-typed field. */
export class IngestError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "IngestError";
    }
}

/** A short, printable rendering of a value for an error message. */
export function shown(value: unknown): string {
    if (value === undefined) return "nothing";
    const text = JSON.stringify(value) ?? typeof value;
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** ` (did you mean "x"?)` when a candidate is close, else empty (the package's one did-you-mean). */
export function didYouMean(text: string, candidates: readonly string[]): string {
    const best = nearestKey(text, candidates);
    return best === undefined ? "" : ` (did you mean "${best}"?)`;
}

/** Reads a JSON file through the package's one bounded reader. `empty`, when given, is what a blank file means. */
export function readJsonFile(path: string, shownAs: string, what: string, empty?: unknown): unknown {
    let text: string;
    try {
        text = readBoundedFile(path, shownAs, what);
    } catch (error) {
        if (error instanceof UnreadableFileError) throw new IngestError(error.message);
        throw error;
    }
    // The OCI CLI prints nothing at all for an empty list.
    if (empty !== undefined && text.trim() === "") return empty;
    try {
        return JSON.parse(text) as unknown;
    } catch (error) {
        throw new IngestError(`${shownAs} is not JSON (${(error as Error).message}); give ${what}`);
    }
}

/** The entries of a directory, refusing anything that is not one. */
export function listDirectory(path: string, shownAs: string, what: string): string[] {
    let isDirectory: boolean;
    try {
        isDirectory = statSync(path).isDirectory();
    } catch (error) {
        throw new IngestError(
            `cannot read ${shownAs}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        );
    }
    if (!isDirectory) throw new IngestError(`${shownAs} is not a directory; give ${what}`);
    return readdirSync(path).sort();
}

/** The engine's unknown marker (a saved plan's value not known until apply): what depends on it is undecided. */
export const UNKNOWN = UNKNOWN_SENTINEL;

/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/** A plain object, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Typed reads of one resource's fields. Every refusal names the resource (Terraform address or OCI id), the
 * field path, the value found and what was expected; `null` and absence both mean "not set".
 */
export class FieldReader {
    constructor(
        /** The file, as given. */
        readonly file: string,
        /** The resource: a Terraform address or an OCI id. */
        readonly subject: string,
        /** The path prefix of the resource's fields in the file, e.g. `values.`. */
        readonly prefix: string,
    ) {}

    /** Refuses a field. */
    fail(path: string, value: unknown, expected: string, fix?: string): never {
        throw new IngestError(
            `${this.file}: ${this.subject}: ${this.prefix}${path} is ${shown(value)}, expected ${expected}` +
                (fix === undefined ? "" : `; ${fix}`),
        );
    }

    /** An optional string (an unknown plan value passes through as {@link UNKNOWN}). */
    string(value: unknown, path: string): string | undefined {
        if (value === undefined || value === null) return undefined;
        if (typeof value !== "string") this.fail(path, value, "a string");
        return value;
    }

    /** A required string. */
    requiredString(value: unknown, path: string): string {
        const text = this.string(value, path);
        if (text === undefined || text === "") this.fail(path, value, "a non-empty string");
        return text;
    }

    /** An optional boolean. */
    boolean(value: unknown, path: string): boolean | Unknown | undefined {
        if (value === undefined || value === null) return undefined;
        if (value === UNKNOWN) return UNKNOWN;
        if (typeof value !== "boolean") this.fail(path, value, "true or false");
        return value;
    }

    /** An optional integer within bounds. */
    integer(value: unknown, path: string, min: number, max: number): number | Unknown | undefined {
        if (value === undefined || value === null) return undefined;
        if (value === UNKNOWN) return UNKNOWN;
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
            this.fail(path, value, `an integer ${min}-${max}`);
        return value;
    }

    /** An optional list. */
    list(value: unknown, path: string): unknown[] | Unknown | undefined {
        if (value === undefined || value === null) return undefined;
        if (value === UNKNOWN) return UNKNOWN;
        if (!Array.isArray(value)) this.fail(path, value, "a list");
        return value as unknown[];
    }

    /** An optional list of strings. */
    stringList(value: unknown, path: string): string[] | Unknown | undefined {
        const items = this.list(value, path);
        if (items === UNKNOWN) return UNKNOWN;
        return items?.map((item, i) => this.requiredString(item, `${path}[${i}]`));
    }

    /** An optional object. */
    object(value: unknown, path: string): Record<string, unknown> | Unknown | undefined {
        if (value === undefined || value === null) return undefined;
        if (value === UNKNOWN) return UNKNOWN;
        if (!isObject(value)) this.fail(path, value, "an object");
        return value;
    }
}

/** Sets `key` on `target` when the value is defined (absent inputs stay absent: OCI's default applies). */
export function put<T extends object>(target: T, key: keyof T & string, value: unknown): void {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
}
