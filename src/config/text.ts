/*
 * Characters that must never reach OCI or a terminal from user input: C0 and C1 control characters (a
 * description with ESC can clear a screen or retitle a window), DEL, and the Unicode bidirectional controls
 * that make text read differently from what it is ("Trojan Source"). One definition serves the validation
 * of user strings and the CLI's output sanitizer.
 */

/** Control characters, DEL, C1 controls, line/paragraph separators and bidirectional overrides. */
export const UNSAFE_CHARACTERS =
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const UNSAFE_GLOBAL = new RegExp(UNSAFE_CHARACTERS.source, "gu");

/** The first unsafe character of `text` as `U+001B`, or undefined when the text is safe. */
export function firstUnsafeCharacter(text: string): string | undefined {
    const match = UNSAFE_CHARACTERS.exec(text);
    return match === null ? undefined : codePoint(match[0]);
}

/** `text` with every unsafe character written as `\u{1b}`, so it can be shown without taking effect. */
export function escapeUnsafe(text: string): string {
    return text.replace(UNSAFE_GLOBAL, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`);
}

function codePoint(ch: string): string {
    return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * A value as a problem message shows it: JSON where it is JSON, `6443n` for a BigInt, `[function]`,
 * `[circular]`; unsafe characters escaped and long text cut, so echoing a bad value can neither throw nor
 * flood or hijack the terminal.
 */
export function showValue(value: unknown): string {
    const text = stringify(value);
    const cut = text.length > 120 ? `${text.slice(0, 117)}...` : text;
    return escapeUnsafe(cut);
}

function stringify(value: unknown): string {
    if (value === undefined) return "undefined";
    if (typeof value === "bigint") return `${value}n`;
    if (typeof value === "function") return "[function]";
    if (typeof value === "symbol") return "[symbol]";
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    try {
        return (
            JSON.stringify(value, (_key, v: unknown) =>
                typeof v === "bigint" ? `${v}n` : typeof v === "function" ? "[function]" : v,
            ) ?? "undefined"
        );
    } catch {
        return Array.isArray(value) ? "[array with a cycle]" : "[object with a cycle]";
    }
}
