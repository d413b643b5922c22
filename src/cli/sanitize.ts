import { escapeUnsafe, UNSAFE_CHARACTERS } from "../config/text";

/*
 * The one output sanitizer. Every string a renderer prints may come from the user (rule descriptions, names,
 * tags, file names, a stack export's values), so the renderers receive a copy of the plan in which every
 * string is already safe for their medium: control and bidi characters escaped for a terminal, and HTML and
 * code-span characters escaped as well for Markdown. The renderers' own decoration (colour, tables) is
 * added afterwards and is the only control sequence that reaches the output.
 */

/** Copies plain data, passing every string through `clean`. Non-plain objects are kept as they are. */
function mapStrings<T>(value: T, clean: (text: string) => string): T {
    if (typeof value === "string") return clean(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, clean)) as T;
    if (typeof value !== "object" || value === null) return value;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapStrings(item, clean);
    return out as T;
}

/** Every string safe for a terminal: control characters, DEL, C1 and bidi controls escaped as `\u{1b}`. */
export function forTerminal<T>(value: T): T {
    return mapStrings(value, escapeUnsafe);
}

const MARKDOWN_SPECIALS: Readonly<Record<string, string>> = { "<": "&lt;", ">": "&gt;", "`": "&#96;" };

/** {@link forTerminal}, and `<`, `>` and backticks as HTML entities (tables escape `|` themselves). */
export function forMarkdown<T>(value: T): T {
    return mapStrings(value, (text) => escapeUnsafe(text).replace(/[<>`]/g, (ch) => MARKDOWN_SPECIALS[ch]));
}

const UNSAFE_GLOBAL = new RegExp(UNSAFE_CHARACTERS.source, "gu");

/**
 * JSON text with every unsafe character that JSON.stringify leaves raw (DEL, C1, bidi) written as a `\u`
 * escape: the same data for a parser, nothing live for a terminal that shows it.
 */
export function jsonSafe(text: string): string {
    // Raw newlines, tabs and carriage returns are only layout between tokens: JSON escapes them in strings.
    const layout = new Set(["\n", "\t", "\r"]);
    return text.replace(UNSAFE_GLOBAL, (ch) =>
        layout.has(ch) ? ch : `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
    );
}
