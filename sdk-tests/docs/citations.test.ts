import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

/*
 * Oracle's facts live in docs/oracle-c3-network.md, and every citation of them in the code, the tests,
 * the examples and the README must resolve there: "§3.4" to a section anchor, "§3.4#3", "C3 kmi-seclist
 * 3.4#3" or a bare "3.4#3" to row 3 of that section's table, "public OCI 9.3 V-A2" to rule V-A2 of §9.3.
 * The expected anchors below are written out from the research notes' tables (how many rows each numbered
 * table has), not read from the doc, so a doc that lost a row fails here.
 */

const ROOT = path.resolve(__dirname, "../..");
const DOC = path.join(ROOT, "docs/oracle-c3-network.md");
const SCANNED = ["src", "sdk-tests", "examples", "program", "policy", "bench", "README.md"];
const TEXT_FILE = /\.(ts|mts|cts|js|mjs|cjs|md|json|ya?ml)$/;
const SKIPPED_DIRS = new Set(["node_modules", "dist", ".git"]);
const SELF = path.relative(ROOT, __filename);

interface Doc {
    /** Every explicit anchor (`<a id="…">`). */
    readonly ids: ReadonlySet<string>;
    /** The section anchor each anchor sits under (the last heading anchor above it). */
    readonly sectionOf: ReadonlyMap<string, string>;
}

function readDoc(): Doc {
    const ids = new Set<string>();
    const sectionOf = new Map<string, string>();
    let section = "";
    for (const line of readFileSync(DOC, "utf8").split("\n")) {
        for (const [, id] of line.matchAll(/<a id="([^"]+)"><\/a>/g)) {
            assert.ok(!ids.has(id), `anchor ${id} is defined twice`);
            ids.add(id);
            if (line.startsWith("#")) section = id;
            sectionOf.set(id, section);
        }
    }
    return { ids, sectionOf };
}

function listFiles(rel: string): string[] {
    const abs = path.join(ROOT, rel);
    let stat;
    try {
        stat = statSync(abs);
    } catch {
        return [];
    }
    if (stat.isFile()) return [rel];
    return readdirSync(abs, { withFileTypes: true }).flatMap((entry) => {
        if (SKIPPED_DIRS.has(entry.name)) return [];
        const child = path.join(rel, entry.name);
        if (entry.isDirectory()) return listFiles(child);
        return TEXT_FILE.test(entry.name) ? [child] : [];
    });
}

interface Hit {
    readonly where: string;
    readonly text: string;
}

/** Every match of `re` (global) in the scanned files, with file:line. */
function scan(re: RegExp): (Hit & { match: RegExpMatchArray })[] {
    const hits: (Hit & { match: RegExpMatchArray })[] = [];
    for (const file of SCANNED.flatMap(listFiles)) {
        if (file === SELF) continue;
        readFileSync(path.join(ROOT, file), "utf8")
            .split("\n")
            .forEach((line, index) => {
                for (const match of line.matchAll(re)) {
                    hits.push({ where: `${file}:${index + 1}`, text: match[0], match });
                }
            });
    }
    return hits;
}

/** The anchor a cited section name has in the doc: "3.4" → "3.4", "Appendix A" → "appendix-a". */
function sectionAnchor(name: string): string {
    return name.startsWith("Appendix ") ? `appendix-${name.slice("Appendix ".length).toLowerCase()}` : name;
}

/** The anchor of row `row` of section `section`'s table. */
function rowAnchor(section: string, row: string): string {
    return `${section}-${row}`;
}

function report(bad: readonly Hit[]): string {
    return bad.map((h) => `${h.where}: ${h.text}`).join("\n");
}

/** The security list each C3 tag names, and the section that restates it. */
const LIST_SECTION: Readonly<Record<string, string>> = {
    "default seclist": "3.1",
    "worker-seclist": "3.2",
    "workerlb-seclist": "3.3",
    "kmi-seclist": "3.4",
    "kmilb-seclist": "3.5",
    "pod-seclist": "3.6",
};

const range = (prefix: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe("docs/oracle-c3-network.md: citations resolve inside the repository", () => {
    const doc = readDoc();

    it("has the research notes' sections and every row of their numbered tables, anchored", () => {
        const sections = [
            ...["0", "1", "1a", "1b", "2", "2a", "2b", "2c", "2d", "3", "4", "5", "6", "7", "8", "9"],
            ...range("3.", 7),
            ...range("7.", 12),
            ...["9.0", "9.1", "9.2", "9.3", "9.4", "9.5", "9.6", "9.7", "9.8", "appendix-a"],
        ];
        const rows = [
            ...range("1a-", 10),
            ...range("3.2-", 7),
            ...range("3.3-", 2),
            ...range("3.4-", 6),
            ...range("3.5-", 3),
        ];
        const publicRules: [string, string[]][] = [
            ["9.2", [...range("F-A", 7), ...range("F-W", 13), ...range("L", 3), ...range("B", 4)]],
            ["9.3", [...range("V-A", 10), ...range("V-W", 16), ...range("V-P", 9)]],
        ];
        assert.deepEqual(
            [...sections, ...rows].filter((id) => !doc.ids.has(id)),
            [],
        );
        for (const [section, ids] of publicRules) {
            assert.deepEqual(
                ids.filter((id) => doc.sectionOf.get(id) !== section),
                [],
                `public-OCI rules of §${section}`,
            );
        }
        assert.ok(!doc.ids.has("1a-11") && !doc.ids.has("3.4-7"), "no row beyond Oracle's tables");
    });

    it("every § citation points at a section or row the doc has", () => {
        const hits = scan(/§(Appendix [A-Z]|\d+[a-z]?(?:\.\d+)?)(?:#(\d+))?/g);
        const bad = hits.filter(({ match }) => {
            const section = sectionAnchor(match[1]);
            return !doc.ids.has(match[2] === undefined ? section : rowAnchor(section, match[2]));
        });
        assert.deepEqual(report(bad), "");
    });

    it("every row reference (C3 ports 1a#6, C3 kmi-seclist 3.4#3, a bare 3.2#1) points at a row the doc has", () => {
        const hits = scan(/(?<![\w.#-])(\d[a-z]?|\d\.\d+)#(\d+)\b/g);
        assert.ok(hits.length > 0, "the catalogue cites port-table rows");
        const bad = hits.filter(({ match }) => !doc.ids.has(rowAnchor(match[1], match[2])));
        assert.deepEqual(report(bad), "");
    });

    it("every C3 tag names the section that restates it", () => {
        const lists = scan(/\bC3 (default seclist|[a-z]+-seclist) (\d\.\d+)/g).filter(
            ({ match }) => LIST_SECTION[match[1]] !== match[2],
        );
        const ports = scan(/\bC3 ports (\d\w*)/g).filter(({ match }) => match[1] !== "1a");
        const sections = scan(/\bC3 (?:reserved ranges|mapping) (\d[0-9a-z.]*[0-9a-z])/g).filter(
            ({ match }) => !doc.ids.has(match[1]),
        );
        assert.deepEqual(report([...lists, ...ports, ...sections]), "");
    });

    it("every public-OCI rule reference names a rule of that section", () => {
        const hits = scan(/\bpublic OCI (\d\.\d+) ([FV]-[AWP]\d+|[LB]\d+)\b/g);
        assert.ok(hits.length > 0, "the VCN-native catalogue cites public-OCI rules");
        const bad = hits.filter(({ match }) => doc.sectionOf.get(match[2]) !== match[1]);
        assert.deepEqual(report(bad), "");
    });

    it("nothing reads or cites the research notes outside the repository", () => {
        const outside = [
            ...scan(new RegExp(["\\.\\.", "shared"].join("/"), "g")),
            ...scan(new RegExp(["shared", "spec"].join("/"), "g")),
            ...scan(new RegExp(["c3-oke-network", "md"].join("\\."), "g")),
        ];
        assert.deepEqual(report(outside), "");
    });

    it("no bare research-notes citation (spec-style) remains: each is written docs/oracle-c3-network.md §N", () => {
        const bare = scan(new RegExp(["\\b[Ss]pec", ":? (?:§ ?)?(?:\\d|Appendix\\b)"].join(""), "g"));
        assert.deepEqual(report(bare), "");
    });
});
