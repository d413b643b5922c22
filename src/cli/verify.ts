import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { analyzeNetwork } from "../analysis/analyze";
import { diffModels, diffReports } from "../analysis/report/diff";
import type { TrafficException } from "../analysis/checks/findings";
import { IngestError, MAX_INPUT_BYTES, readJsonFile } from "../analysis/model/ingest/common";
import {
    modelsFromIngested,
    recordsFromStackExportFile,
    type IngestedModel,
} from "../analysis/model/ingest/network";
import { recordsFromOciExport } from "../analysis/model/ingest/oci-export";
import type { IngestedNetwork } from "../analysis/model/ingest/records";
import { recordsFromTerraform } from "../analysis/model/ingest/terraform";
import type { AnalysisReport } from "../analysis/report/report";
import { requiredFlowsForModel, type ModelFlowRequirements } from "../analysis/requirements/flows-for-model";
import { clustersInVcn } from "../analysis/requirements/cni";
import { isCidrError, parseCidr } from "../net/cidr";
import { parseException, type Format } from "./args";
import type { PlanDiff } from "./diff";
import { importPlan } from "./import-file";
import { colourWanted, painter } from "./layout";
import { reportJson, JSON_VERSION, type Json } from "./render-json";
import { renderReportMarkdown } from "./render-markdown";
import { renderReportTable } from "./render-table";
import { SUBNET_DISPLAY_NAMES, SUBNET_ROLES, type SubnetRole } from "../c3/roles";
import { type Severity, SEVERITIES } from "../analysis/checks/finding";
import { EXIT, verdictOf, type CliIo } from "./verdict";

/*
 * `oke-c3-network verify`: proves a network that already exists (a Terraform state or saved plan, an OCI CLI
 * export, a `pulumi stack export`) against Oracle's catalogue, with the plan command's formats, findings,
 * --diff and exit codes. Ingestion (src/analysis/model/ingest) turns each source into resource records; the
 * analyzer evaluates; this file only parses arguments, picks the input and presents each VCN in turn.
 */

/** Which source a run reads. */
export type VerifySource = "terraform" | "oci-export" | "stack-export";

/** What the `verify` command line says. */
export interface VerifyOptions {
    /** The source kind. */
    source: VerifySource;
    /** The file or directory, as given. */
    input: string;
    /** Output format. */
    format: Format;
    /** `--diff`: another input of the same kind (the baseline). */
    diff?: string;
    /** `--fail-on`. */
    failOn?: Severity;
    /** `--allow-anywhere`. */
    allowAnywhere: TrafficException[];
    /** `--subnet-name role=name`. */
    subnetNames: Partial<Record<SubnetRole, string>>;
    /** `--kube-client`. */
    kubeClientCidrs?: string[];
    /** `--bastion`. */
    bastionCidrs?: string[];
    /** `--cni`. */
    cni?: "flannel" | "vcn-native";
    /** `--import-file` (Terraform only). */
    importFile?: string;
    /** `--name`: the component's logical name for `--import-file`. */
    name: string;
}

/** Usage of `oke-c3-network verify`. */
export const VERIFY_USAGE = `Usage: oke-c3-network verify (--terraform FILE | --oci-export DIR | --stack-export FILE) [options]

Proves an existing OKE network on Compute Cloud@Customer offline against Oracle's documented flows: every
required flow ✔/✘ with the rules and routes that carry it, Oracle's port table, findings. Each VCN in the
input is reported in turn. Files are read only if they are regular files of at most ${MAX_INPUT_BYTES} bytes (1 MiB).

Input (exactly one):
      --terraform FILE         \`terraform show -json\` of a state, or of a saved plan (terraform show -json tfplan)
      --oci-export DIR         OCI CLI JSON outputs for one compartment (see the README; scripts/oci-export.sh)
      --stack-export FILE      \`pulumi stack export\`

Network:
      --subnet-name ROLE=NAME  repeatable: the subnet named NAME has role ROLE (worker, service-lb,
                               control-plane, control-plane-endpoint, pod); default Oracle's names
      --kube-client CIDR       repeatable (default: read off the control-plane-endpoint's 6443 rules)
      --bastion CIDR           repeatable (default: the VCN CIDR, as Oracle's port table)
      --cni flannel|vcn-native (default: vcn-native when a pod subnet exists)

Output:
  -f, --format table|markdown|json   (default table)
      --diff PATH              compare with another input of the same kind (the baseline)
      --fail-on info|low|medium|high  exit 1 for a finding at or above this severity
      --allow-anywhere PROTO[:PORTS|:TYPE]  accept ingress from 0.0.0.0/0, e.g. tcp:443
      --import-file FILE       (--terraform) write a \`pulumi import --file\` document naming every resource
                               as the component would (see --name), and print the matching config
      --name NAME              component name for --import-file (default oke-c3-network)

Exit codes: 0 every required flow holds in every VCN; 1 a flow fails or is undecided, or a finding reaches
--fail-on; 2 bad input.`;

const OPTIONS = {
    terraform: { type: "string" },
    "oci-export": { type: "string" },
    "stack-export": { type: "string" },
    format: { type: "string", short: "f" },
    diff: { type: "string" },
    "fail-on": { type: "string" },
    "allow-anywhere": { type: "string", multiple: true },
    "subnet-name": { type: "string", multiple: true },
    "kube-client": { type: "string", multiple: true },
    bastion: { type: "string", multiple: true },
    cni: { type: "string" },
    "import-file": { type: "string" },
    name: { type: "string" },
    help: { type: "boolean", short: "h" },
} as const;

/** The outcome of parsing `verify`'s arguments. */
export type ParsedVerify =
    { kind: "options"; options: VerifyOptions } | { kind: "help" } | { kind: "error"; message: string };

/** `role` in the config's spelling, from it or Oracle's subnet name. */
function roleOf(text: string): SubnetRole | undefined {
    return SUBNET_ROLES.find((r) => r === text || SUBNET_DISPLAY_NAMES[r] === text);
}

function choice<T extends string>(
    flag: string,
    value: string | undefined,
    choices: readonly T[],
): T | string | undefined {
    if (value === undefined) return undefined;
    return (choices as readonly string[]).includes(value)
        ? value
        : `--${flag} ${value}: expected one of ${choices.join(", ")}`;
}

function cidrs(flag: string, values: string[] | undefined): string[] | string | undefined {
    for (const value of values ?? []) {
        const parsed = parseCidr(value);
        if (isCidrError(parsed)) return `--${flag} ${value} ${parsed.message}`;
    }
    return values;
}

function subnetNames(values: string[] | undefined): Partial<Record<SubnetRole, string>> | string {
    const out: Partial<Record<SubnetRole, string>> = {};
    for (const value of values ?? []) {
        const [role, ...rest] = value.split("=");
        const name = rest.join("=");
        const known = roleOf(role);
        if (known === undefined || name === "")
            return `--subnet-name ${value}: expected ROLE=NAME with ROLE one of ${SUBNET_ROLES.map((r) => SUBNET_DISPLAY_NAMES[r]).join(", ")}`;
        if (out[known] !== undefined) return `--subnet-name ${value}: role ${role} is named twice`;
        out[known] = name;
    }
    return out;
}

/** Parses `verify`'s arguments (without the `verify` word). */
export function parseVerify(argv: readonly string[]): ParsedVerify {
    let v;
    try {
        const parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
        if (parsed.positionals.length > 0)
            return { kind: "error", message: `unexpected argument: ${parsed.positionals[0]}` };
        v = parsed.values;
    } catch (error) {
        return { kind: "error", message: (error as Error).message };
    }
    if (v.help === true) return { kind: "help" };
    const given = (["terraform", "oci-export", "stack-export"] as const).filter((k) => v[k] !== undefined);
    if (given.length !== 1)
        return {
            kind: "error",
            message:
                given.length === 0
                    ? "verify needs one input: --terraform FILE, --oci-export DIR or --stack-export FILE"
                    : `--${given[0]} and --${given[1]} exclude each other: verify one input per run`,
        };
    const source = given[0];
    const format = choice("format", v.format, ["table", "markdown", "json"] as const);
    const failOn = choice("fail-on", v["fail-on"], [...SEVERITIES, "none"] as const);
    const cni = choice("cni", v.cni, ["flannel", "vcn-native"] as const);
    const kube = cidrs("kube-client", v["kube-client"]);
    const bastion = cidrs("bastion", v.bastion);
    const names = subnetNames(v["subnet-name"]);
    const exceptions = (v["allow-anywhere"] ?? []).map(parseException);
    const problem = [format, failOn, cni, kube, bastion, names, ...exceptions].find(
        (p): p is string => typeof p === "string" && p.startsWith("--"),
    );
    if (problem !== undefined) return { kind: "error", message: problem };
    if (v["import-file"] !== undefined && source !== "terraform")
        return {
            kind: "error",
            message: "--import-file needs --terraform: it names the resources of a Terraform state",
        };
    const options: VerifyOptions = {
        source,
        input: v[source] as string,
        format: (format ?? "table") as Format,
        allowAnywhere: exceptions as TrafficException[],
        subnetNames: names as Partial<Record<SubnetRole, string>>,
        name: v.name ?? "oke-c3-network",
    };
    if (v.diff !== undefined) options.diff = v.diff;
    if (failOn !== undefined && failOn !== "none") options.failOn = failOn as Severity;
    if (kube !== undefined) options.kubeClientCidrs = kube as string[];
    if (bastion !== undefined) options.bastionCidrs = bastion as string[];
    if (cni !== undefined) options.cni = cni as "flannel" | "vcn-native";
    if (v["import-file"] !== undefined) options.importFile = v["import-file"];
    return { kind: "options", options };
}

/** Reads one input of the given kind. */
export function ingest(source: VerifySource, input: string, cwd: string): IngestedNetwork {
    const path = resolve(cwd, input);
    if (source === "oci-export") return recordsFromOciExport(path, input);
    if (source === "stack-export") return recordsFromStackExportFile(path, input);
    return recordsFromTerraform(readJsonFile(path, input, "the JSON of `terraform show -json`"), input);
}

/** One VCN, analysed. */
export interface VerifiedNetwork {
    /** The VCN's display name as the source gives it. */
    vcnName: string;
    /** Its model and required flows. */
    ingested: IngestedModel;
    /** The flows required of it, with the context they were resolved for. */
    requirements: ModelFlowRequirements;
    /** The analysis. */
    report: AnalysisReport;
}

/** Reads and analyses every VCN of one input (the core the command and the tests share). */
export function verifyInput(
    options: VerifyOptions,
    cwd: string,
    input = options.input,
): { ingested: IngestedNetwork; networks: VerifiedNetwork[] } {
    const ingested = ingest(options.source, input, cwd);
    const models = modelsFromIngested(ingested, {
        subnetNames: options.subnetNames,
        ...("nsgSubnets" in ingested ? { nsgSubnets: ingested.nsgSubnets as Record<string, string[]> } : {}),
    });
    const networks = models.map((m) => {
        const requirements = requiredFlowsForModel(m.model, {
            ...(options.kubeClientCidrs === undefined ? {} : { kubeClientCidrs: options.kubeClientCidrs }),
            ...(options.bastionCidrs === undefined ? {} : { bastionCidrs: options.bastionCidrs }),
            ...(options.cni === undefined ? {} : { cni: options.cni }),
            clusters: clustersInVcn(ingested.records, m.model),
        });
        const report = analyzeNetwork(m.model, requirements, {
            anywhereExceptions: options.allowAnywhere,
            clusterAccess: requirements.context.clusterAccess,
        });
        return { vcnName: m.vcnName, ingested: m, requirements, report };
    });
    return { ingested, networks };
}

/** Pairs each network with its baseline: by VCN name, or the only one with the only one. */
function baselineOf(network: VerifiedNetwork, baselines: VerifiedNetwork[]): VerifiedNetwork | undefined {
    return (
        baselines.find((b) => b.vcnName === network.vcnName) ??
        (baselines.length === 1 ? baselines[0] : undefined)
    );
}

function diffOf(
    before: VerifiedNetwork | undefined,
    after: VerifiedNetwork,
    against: string,
): PlanDiff | undefined {
    if (before === undefined) return undefined;
    return {
        against,
        model: diffModels(before.ingested.model, after.ingested.model, [
            ...before.requirements.flows,
            ...after.requirements.flows,
        ]),
        report: diffReports(before.report, after.report),
    };
}

const SOURCE_TEXT: Readonly<Record<IngestedNetwork["source"], string>> = {
    "terraform-state": "Terraform state",
    "terraform-plan": "Terraform saved plan",
    "oci-export": "OCI CLI export",
    "stack-export": "Pulumi stack export",
};

function head(
    options: VerifyOptions,
    source: IngestedNetwork["source"],
    n: VerifiedNetwork,
    index: number,
    count: number,
): string[] {
    const c = n.requirements.context;
    return [
        `oke-c3-network verify (${SOURCE_TEXT[source]} ${options.input}; VCN ${index + 1} of ${count}; offline)`,
        `VCN ${n.report.network.name} ${c.vcn} · ${c.cni} · ${c.clusterAccess} cluster · API port ${c.kubernetesApiPort}`,
        `kube clients ${c.kubeClientCidrs.join(", ") || "none"} (${c.kubeClientSource})`,
    ];
}

function contextJson(r: ModelFlowRequirements): Json {
    const c = r.context;
    const roles: { [key: string]: Json } = {};
    for (const [role, cidr] of Object.entries(c.roles)) if (cidr !== undefined) roles[role] = cidr;
    return {
        vcn: c.vcn,
        roles,
        kubeClientCidrs: [...c.kubeClientCidrs],
        kubeClientSource: c.kubeClientSource,
        cni: c.cni,
        clusterAccess: c.clusterAccess,
        natGateway: c.natGateway,
        kubernetesApiPort: c.kubernetesApiPort,
    };
}

function render(
    options: VerifyOptions,
    source: IngestedNetwork["source"],
    networks: VerifiedNetwork[],
    diffs: (PlanDiff | undefined)[],
    io: CliIo,
): number {
    const verdicts = networks.map((n) => verdictOf(n.report, options.failOn));
    const code = Math.max(EXIT.ok, ...verdicts.map((v) => v.code));
    if (options.format === "json") {
        const doc: Json = {
            version: JSON_VERSION,
            command: "verify",
            input: { source, path: options.input },
            networks: networks.map((n, i) => ({
                context: contextJson(n.requirements),
                ...reportJson(n.report, diffs[i]),
                exitCode: verdicts[i].code,
            })),
            exitCode: code,
        };
        io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
        return code;
    }
    const paint = painter(colourWanted(io.stdout.isTTY, io.env));
    const parts = networks.map((n, i) => {
        const lines = head(options, source, n, i, networks.length);
        return options.format === "markdown"
            ? renderReportMarkdown(lines, n.report, diffs[i], verdicts[i].text)
            : renderReportTable(lines, n.report, diffs[i], verdicts[i].text, paint);
    });
    io.stdout.write(parts.join("\n"));
    return code;
}

function writeImportFile(
    options: VerifyOptions,
    ingested: IngestedNetwork,
    networks: VerifiedNetwork[],
    io: CliIo,
): void {
    if (options.importFile === undefined) return;
    if (networks.length !== 1)
        throw new IngestError(
            `--import-file: ${options.input} holds ${networks.length} VCNs; one component adopts one VCN`,
        );
    const n = networks[0];
    const plan = importPlan(n.ingested.model, ingested.records, n.requirements.context, options.name);
    writeFileSync(resolve(io.cwd, options.importFile), `${JSON.stringify(plan.document, null, 2)}\n`);
    const lines = [
        `wrote ${options.importFile}: ${plan.document.resources.length - 1} resources to \`pulumi import --file ${options.importFile}\` under ${options.name}`,
        ...plan.adopted.map(
            (a) =>
                `  ${a.address} → ${a.name}: taken over by the component (manageDefaultResourceId) on the first pulumi up, not imported`,
        ),
        ...plan.unmatched.map((u) => `  ${u.address}: not imported: ${u.why}`),
        `the component args that give these names: ${JSON.stringify(plan.args)}`,
    ];
    io.stderr.write(`${lines.join("\n")}\n`);
}

/** Runs `oke-c3-network verify` (argv without the word `verify`); resolves to the exit code. */
export function runVerify(argv: readonly string[], io: CliIo): number {
    const parsed = parseVerify(argv);
    if (parsed.kind === "help") {
        io.stdout.write(`${VERIFY_USAGE}\n`);
        return EXIT.ok;
    }
    if (parsed.kind === "error") {
        io.stderr.write(`oke-c3-network: ${parsed.message}\n\n${VERIFY_USAGE}\n`);
        return EXIT.badInput;
    }
    const options = parsed.options;
    try {
        const { ingested, networks } = verifyInput(options, io.cwd);
        if (networks.length === 0) throw new IngestError(`${options.input} holds no VCN`);
        const baselines =
            options.diff === undefined ? [] : verifyInput(options, io.cwd, options.diff).networks;
        const diffs = networks.map((n) =>
            options.diff === undefined ? undefined : diffOf(baselineOf(n, baselines), n, options.diff),
        );
        writeImportFile(options, ingested, networks, io);
        return render(options, ingested.source, networks, diffs, io);
    } catch (error) {
        if (!(error instanceof IngestError)) throw error;
        io.stderr.write(`oke-c3-network: ${error.message}\n`);
        return EXIT.badInput;
    }
}
