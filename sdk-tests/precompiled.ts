import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";

/*
 * Test-only speed-up: compile once. `npm test` type-checks the repository with `npm run typecheck`, which
 * also emits JavaScript (and source maps) into `.test-build/`. Each mocha worker would otherwise
 * transpile every TypeScript file it loads again with ts-node (about 4 s of CPU per worker). A `.ts` file
 * whose emitted JavaScript is at least as new as the source is run from that JavaScript, under its own
 * path, so `__dirname`, relative requires and fixtures resolve exactly as under ts-node; any other `.ts`
 * file (edited since the type-check, or outside tsconfig.json, such as the examples) still goes through
 * ts-node. Stack traces keep TypeScript line numbers through the emitted source maps.
 */

/** The repository root. */
const ROOT = path.resolve(__dirname, "..");
/** Where `npm run typecheck` emits (tsconfig.json's sources, mirrored). */
const BUILD = path.join(ROOT, ".test-build");

type Loader = (module: NodeModule, filename: string) => void;
interface CompilableModule {
    _compile(code: string, filename: string): void;
}

const extensions = (Module as unknown as { _extensions: Record<string, Loader | undefined> })._extensions;
const transpile = extensions[".ts"];
/** Source maps of the modules loaded from `.test-build/`, by their source path. */
const maps = new Map<string, string>();

function emittedFor(filename: string): string | undefined {
    const relative = path.relative(ROOT, filename);
    if (relative.startsWith("..") || path.isAbsolute(relative) || relative.endsWith(".d.ts"))
        return undefined;
    const emitted = path.join(BUILD, relative.replace(/\.ts$/, ".js"));
    try {
        return fs.statSync(emitted).mtimeMs >= fs.statSync(filename).mtimeMs ? emitted : undefined;
    } catch {
        return undefined;
    }
}

/** The emitted map, pointed at the source file itself (tsc names it relative to `.test-build/`). */
function mapFor(filename: string, emitted: string): string | undefined {
    try {
        const map = JSON.parse(fs.readFileSync(`${emitted}.map`, "utf8")) as Record<string, unknown>;
        return JSON.stringify({ ...map, sourceRoot: "", sources: [path.basename(filename)] });
    } catch {
        return undefined;
    }
}

interface SourceMapSupport {
    install(options: { retrieveSourceMap(source: string): { url: string; map: string } | null }): void;
}

/** Lets ts-node's source-map-support (the one formatting stack traces) read those maps. */
function shareMaps(): void {
    try {
        const fromTsNode = Module.createRequire(require.resolve("ts-node"));
        const support = fromTsNode("@cspotcode/source-map-support") as SourceMapSupport;
        support.install({
            retrieveSourceMap(source) {
                const map = maps.get(source);
                return map === undefined ? null : { url: source, map };
            },
        });
    } catch {
        // No ts-node: stack traces show the emitted JavaScript's line numbers.
    }
}

if (transpile !== undefined && fs.existsSync(BUILD)) {
    shareMaps();
    extensions[".ts"] = (module, filename) => {
        const emitted = emittedFor(filename);
        if (emitted === undefined) return transpile(module, filename);
        const map = mapFor(filename, emitted);
        if (map !== undefined) maps.set(filename, map);
        const code = fs.readFileSync(emitted, "utf8").replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
        (module as unknown as CompilableModule)._compile(code, filename);
    };
}
