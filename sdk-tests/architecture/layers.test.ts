import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import * as ts from "typescript";

/*
 * The layering the README's Architecture section promises, checked on every import under src/: each layer
 * imports only the layers below it, analysis stages only earlier stages, and no module imports itself
 * through a cycle. A new import that points up fails here with the file and the import.
 */

const SRC = resolve(__dirname, "..", "..", "src");

/** What each layer may import (besides itself). Adapters sit on top; the root barrel may import anything. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
    c3: [],
    net: ["c3"],
    config: ["c3", "net"],
    catalogue: ["c3", "net", "config"],
    plan: ["c3", "net", "config", "catalogue"],
    component: ["c3", "net", "config", "catalogue", "plan"],
    analysis: ["c3", "net", "config", "catalogue"],
    testing: ["c3", "net", "config", "analysis"],
    policy: ["c3", "net", "config", "catalogue", "analysis"],
    cli: ["c3", "net", "config", "catalogue", "plan", "component", "analysis", "testing"],
    ".": ["c3", "net", "config", "catalogue", "plan", "component", "analysis"],
};

/** The analysis stages in order; a stage imports only earlier ones. Files at analysis/ itself orchestrate. */
const STAGES = ["model", "evaluate", "requirements", "checks", "report"];

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(path);
        return entry.name.endsWith(".ts") ? [path] : [];
    });
}

function resolveImport(from: string, spec: string): string | undefined {
    if (!spec.startsWith(".")) return undefined;
    const base = resolve(dirname(from), spec);
    for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
        if (FILES.has(candidate)) return candidate;
    }
    throw new Error(`${relative(SRC, from)} imports ${spec}, which is not a source file`);
}

/** Every relative import and re-export of a file (type-only ones too: they couple the layers as much). */
function importsOf(file: string): string[] {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    return info.importedFiles
        .map((f) => resolveImport(file, f.fileName))
        .filter((f): f is string => f !== undefined);
}

const FILES = new Set(sourceFiles(SRC));
const GRAPH = new Map([...FILES].map((f) => [f, importsOf(f)]));

function layerOf(file: string): string {
    const parts = relative(SRC, file).split(sep);
    return parts.length === 1 ? "." : parts[0];
}

function stageOf(file: string): number | undefined {
    const parts = relative(SRC, file).split(sep);
    if (parts[0] !== "analysis" || parts.length < 3) return undefined;
    const index = STAGES.indexOf(parts[1]);
    assert.ok(index >= 0, `${relative(SRC, file)} is in no analysis stage (${STAGES.join(", ")})`);
    return index;
}

function violations(): string[] {
    const out: string[] = [];
    for (const [file, imports] of GRAPH) {
        const layer = layerOf(file);
        for (const target of imports) {
            const to = layerOf(target);
            const where = `${relative(SRC, file)} imports ${relative(SRC, target)}`;
            if (to !== layer && !(ALLOWED[layer] ?? []).includes(to))
                out.push(`${where}: ${layer} may not import ${to}`);
            const [a, b] = [stageOf(file), stageOf(target)];
            if (layer === "analysis" && a !== undefined && b === undefined && to === "analysis")
                out.push(`${where}: a stage may not import the analysis entry points`);
            if (a !== undefined && b !== undefined && b > a)
                out.push(`${where}: stage ${STAGES[a]} may not import the later stage ${STAGES[b]}`);
        }
    }
    return out;
}

/** Every import cycle, each reported once from its smallest file name (Tarjan's strongly connected components). */
function cycles(): string[][] {
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const out: string[][] = [];
    const visit = (v: string): void => {
        indices.set(v, index);
        low.set(v, index++);
        stack.push(v);
        onStack.add(v);
        for (const w of GRAPH.get(v) ?? []) {
            if (!indices.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
        }
        if (low.get(v) === indices.get(v)) {
            const component: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                component.push(relative(SRC, w));
            } while (w !== v);
            if (component.length > 1 || (GRAPH.get(v) ?? []).includes(v)) out.push(component.sort());
        }
    };
    for (const file of GRAPH.keys()) if (!indices.has(file)) visit(file);
    return out;
}

describe("architecture: the layers of src/", () => {
    it("has every source file in a known layer", () => {
        const unknown = [...FILES].map(layerOf).filter((l) => !(l in ALLOWED));
        assert.deepEqual([...new Set(unknown)], []);
    });

    it("imports point down only: layer by layer, and analysis stage by stage", () => {
        assert.deepEqual(violations(), []);
    });

    it("has no import cycle", () => {
        assert.deepEqual(cycles(), []);
    });

    it("the checks can fail: an upward import and a cycle are found in a made-up graph", () => {
        const up = join(SRC, "net", "cidr.ts");
        const down = join(SRC, "plan", "plan.ts");
        const saved = GRAPH.get(up)!;
        GRAPH.set(up, [...saved, down]);
        try {
            assert.ok(
                violations().some((v) =>
                    v.startsWith("net/cidr.ts imports plan/plan.ts: net may not import plan"),
                ),
            );
            assert.ok(cycles().some((c) => c.includes("net/cidr.ts") && c.includes("plan/plan.ts")));
        } finally {
            GRAPH.set(up, saved);
        }
    });
});
