/*
 * Plain-text layout for the table format: aligned columns and optional ANSI colour. Colour is only for a
 * terminal (stdout is a TTY and NO_COLOR is unset), so piped output and CI logs stay plain.
 */

/** ANSI colours the table uses. */
export type Colour = "green" | "red" | "yellow" | "magenta" | "cyan" | "dim" | "bold";

const CODES: Readonly<Record<Colour, [number, number]>> = {
    green: [32, 39],
    red: [31, 39],
    yellow: [33, 39],
    magenta: [35, 39],
    cyan: [36, 39],
    dim: [2, 22],
    bold: [1, 22],
};

/** Paints text, or returns it unchanged when colour is off. */
export type Painter = (colour: Colour, text: string) => string;

/** A painter for the given setting. */
export function painter(enabled: boolean): Painter {
    return (colour, text) =>
        enabled ? `\u001b[${CODES[colour][0]}m${text}\u001b[${CODES[colour][1]}m` : text;
}

/** Whether stdout should get colour: a TTY, and NO_COLOR not set. */
export function colourWanted(
    isTty: boolean | undefined,
    env: Readonly<Record<string, string | undefined>>,
): boolean {
    return isTty === true && env.NO_COLOR === undefined;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The printed width of a cell (ANSI codes take no room). */
function width(text: string): number {
    return [...text.replace(ANSI, "")].length;
}

/** Rows aligned in columns, two spaces apart; the last column is not padded. */
export function columns(rows: readonly (readonly string[])[], indent = "  "): string[] {
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
    return rows.map((row) => {
        const cells = row.map((cell, i) =>
            i === row.length - 1 ? cell : cell + " ".repeat(widths[i] - width(cell)),
        );
        return `${indent}${cells.join("  ")}`.trimEnd();
    });
}
