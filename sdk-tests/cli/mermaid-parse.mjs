// Parses Mermaid diagrams with Mermaid's own parser, in Node. Mermaid needs a DOM only for DOMPurify, which
// it loads at import time; jsdom provides one. Reads JSON `string[]` (diagram sources) on stdin and prints
// JSON `{ ok: boolean, type?: string, error?: string }[]`, one per diagram. Run as a child process so the
// DOM globals never leak into the mocha process.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
    try {
        const parsed = await mermaid.parse(text);
        results.push({ ok: true, type: parsed.diagramType });
    } catch (error) {
        results.push({ ok: false, error: String(error?.message ?? error) });
    }
}
process.stdout.write(JSON.stringify(results));
