import type { Context } from "mocha";
import * as fs from "node:fs";
import { goAvailable, prepare, prepared } from "./engine";

/*
 * Root hooks of `npm run test:engine`. Without `go` every test is reported pending (skipped, with the reason),
 * never passed; with it the engine is built first (engine/build.sh: seconds with a warm cache, a quarter of an
 * hour cold) and a PULUMI_HOME with the stand-in provider and an installed copy of the package are prepared.
 */

/** Mocha's root hook plugin. */
export const mochaHooks = {
    async beforeAll(this: Context): Promise<void> {
        this.timeout(50 * 60_000);
        if (!goAvailable()) {
            console.log(
                "  engine suite SKIPPED: `go` is not on PATH, so the Pulumi CLI cannot be built " +
                    "(every test below is pending, none passed)",
            );
            this.skip();
        }
        const e = await prepare((line) => console.log(`  ${line}`));
        console.log(
            `  pulumi CLI ${e.version} (built from github.com/pulumi/pulumi/pkg/v3), state in ${e.dir}`,
        );
        console.log(
            "  language host: none (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 is not " +
                "served by the Go module proxy); programs run as Automation API inline programs",
        );
    },

    /** Removes the temporary state, PULUMI_HOME and consumer project, unless ENGINE_KEEP=1 asks to keep them. */
    afterAll(): void {
        const e = prepared();
        if (e === undefined) return;
        if (process.env.ENGINE_KEEP === "1") console.log(`  kept ${e.dir}`);
        else fs.rmSync(e.dir, { recursive: true, force: true });
    },
};
