import { parseArgs } from "node:util";
import type { TrafficException } from "../analysis/checks/findings";
import { didYouMean } from "../config/keys";
import { escapeUnsafe } from "../config/text";
import { SEVERITIES, type Severity } from "../analysis/checks/finding";

/*
 * Command-line arguments of `oke-c3-network plan`, parsed with node:util (commander 15 needs Node 22). Bad
 * arguments are reported, never guessed at: the command exits 2 for them like for a refused config.
 */

/** Output formats. */
export type Format = "table" | "markdown" | "json";

/** Config values given as flags; they override the config file's. */
export interface FlagOverrides {
    /** `--vcn`: `cidrs.vcn`. */
    vcn?: string;
    /** `--worker`. */
    worker?: string;
    /** `--service-lb`. */
    serviceLb?: string;
    /** `--control-plane`. */
    controlPlane?: string;
    /** `--control-plane-endpoint`. */
    controlPlaneEndpoint?: string;
    /** `--pod`. */
    pod?: string;
    /** `--kube-client`, repeated. */
    kubeClientCidrs?: string[];
    /** `--bastion`, repeated. */
    bastionCidrs?: string[];
    /** `--cni`. */
    cni?: string;
    /** `--cluster-access`. */
    clusterAccess?: string;
    /** `--security-rules`. */
    securityRules?: string;
    /** `--egress`. */
    egress?: string;
    /** `--api-port`: a number when it reads as one, else the text (validation then names it). */
    kubernetesApiPort?: number | string;
}

/** Everything the command line says. */
export interface CliOptions {
    /** The command (only `plan`). */
    command: "plan";
    /** Output format. */
    format: Format;
    /** `--config`: a YAML/JSON file of component args. */
    config?: string;
    /** `--stack-config`: a Pulumi stack config file. */
    stackConfig?: string;
    /** `--diff`: the config to compare against (the baseline). */
    diff?: string;
    /** `--fail-on`: exit 1 for a finding at or above this severity. */
    failOn?: Severity;
    /** `--name`: the component's logical name (child names and the VCN's display name derive from it). */
    name?: string;
    /** `--allow-anywhere`: ingress from 0.0.0.0/0 accepted on purpose. */
    allowAnywhere: TrafficException[];
    /** Config values from flags. */
    overrides: FlagOverrides;
    /** True when any config flag was given. */
    hasOverrides: boolean;
}

/** The outcome of parsing: options, a request for help or the version, or an error. */
export type ParsedCli =
    | { kind: "options"; options: CliOptions }
    | { kind: "help" }
    | { kind: "version" }
    | { kind: "error"; message: string };

const OPTIONS = {
    format: { type: "string", short: "f" },
    config: { type: "string", short: "c" },
    "stack-config": { type: "string" },
    diff: { type: "string" },
    "fail-on": { type: "string" },
    name: { type: "string" },
    "allow-anywhere": { type: "string", multiple: true },
    vcn: { type: "string" },
    worker: { type: "string" },
    "service-lb": { type: "string" },
    "control-plane": { type: "string" },
    "control-plane-endpoint": { type: "string" },
    pod: { type: "string" },
    "kube-client": { type: "string", multiple: true },
    bastion: { type: "string", multiple: true },
    cni: { type: "string" },
    "cluster-access": { type: "string" },
    "security-rules": { type: "string" },
    egress: { type: "string" },
    "api-port": { type: "string" },
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "v" },
} as const;

/** `--fail-on` when none is given: a high finding fails the plan. */
export const DEFAULT_FAIL_ON: Severity = "high";

/** Usage text for `--help` and argument errors. */
export const USAGE = `Usage: oke-c3-network plan [options]

Plans an OKE workload-cluster network on Compute Cloud@Customer offline (Pulumi's mock engine, no cloud)
and proves Oracle's documented flows: subnets, rules, routes, every required flow ✔/✘ and findings.

Input (default: Oracle's example layout, the root program's Pulumi.yaml defaults):
  -c, --config FILE            component args as YAML or JSON
      --stack-config FILE      a Pulumi.<stack>.yaml (merged with the Pulumi.yaml next to it)
      --vcn CIDR  --worker CIDR  --service-lb CIDR  --control-plane CIDR
      --control-plane-endpoint CIDR  --pod CIDR
      --kube-client CIDR       repeatable (kubeClientCidrs)
      --bastion CIDR           repeatable (bastionCidrs)
      --cni flannel|vcn-native  --cluster-access public|private
      --security-rules securityLists|nsgs|both  --egress flows|all  --api-port N
      --name NAME              component name (default: the project name, oke-c3-network)

Output:
  -f, --format table|markdown|json   (default table)
      --diff FILE              compare with FILE (same formats as --config): what this config opens/closes
      --fail-on info|low|medium|high|none  exit 1 for a finding at or above this severity
                               (default high; none: findings never fail the plan)
      --allow-anywhere PROTO[:PORTS|:TYPE]  accept ingress from 0.0.0.0/0, e.g. tcp:443, udp:500-501, icmp:4

Exit codes: 0 every required flow holds; 1 a flow fails or a finding reaches --fail-on; 2 bad input.`;

/** Parses one `--allow-anywhere` value (shared with `verify`); a string is the error. */
export function parseException(text: string): TrafficException | string {
    const match = /^(tcp|udp|icmp|all)(?::(\d+)(?:-(\d+))?)?$/i.exec(text.trim());
    if (match === null)
        return `--allow-anywhere ${escapeUnsafe(text)}: expected PROTO[:PORT[-PORT]] or icmp:TYPE, e.g. tcp:443`;
    const protocol = match[1].toLowerCase() as TrafficException["protocol"];
    if (match[2] === undefined) return { protocol };
    const min = Number(match[2]);
    const max = match[3] === undefined ? min : Number(match[3]);
    if (protocol === "icmp")
        return match[3] === undefined
            ? { protocol, icmpType: min }
            : `--allow-anywhere ${text}: ICMP takes one type`;
    if (protocol === "all") return `--allow-anywhere ${text}: protocol all takes no ports`;
    if (min < 1 || max > 65535 || min > max)
        return `--allow-anywhere ${text}: ports must be 1-65535, low to high`;
    return { protocol, ports: { min, max } };
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function overridesOf(v: Values): FlagOverrides {
    const port = v["api-port"];
    const entries: [keyof FlagOverrides, unknown][] = [
        ["vcn", v.vcn],
        ["worker", v.worker],
        ["serviceLb", v["service-lb"]],
        ["controlPlane", v["control-plane"]],
        ["controlPlaneEndpoint", v["control-plane-endpoint"]],
        ["pod", v.pod],
        ["kubeClientCidrs", v["kube-client"]],
        ["bastionCidrs", v.bastion],
        ["cni", v.cni],
        ["clusterAccess", v["cluster-access"]],
        ["securityRules", v["security-rules"]],
        ["egress", v.egress],
        ["kubernetesApiPort", port === undefined ? undefined : /^\d+$/.test(port) ? Number(port) : port],
    ];
    return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

function checkChoice<T extends string>(
    name: string,
    value: string | undefined,
    choices: readonly T[],
): string | undefined {
    if (value === undefined || (choices as readonly string[]).includes(value)) return undefined;
    const meant = didYouMean(value, choices);
    const hint = meant === undefined ? "" : `; did you mean ${meant}?`;
    return `--${name} ${escapeUnsafe(value)}: expected one of ${choices.join(", ")}${hint}`;
}

/** The flags, as typed: `--vcn`, `-f`. */
const FLAG_NAMES: readonly string[] = Object.keys(OPTIONS).map((name) => `--${name}`);

/** parseArgs' own message, with the nearest known flag for an unknown one (`--vnc` → `--vcn`). */
function argumentError(error: unknown): string {
    const message = escapeUnsafe(error instanceof Error ? error.message : String(error));
    const code = (error as { code?: unknown }).code;
    if (code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return message;
    const flag = /'(-[^']*)'/.exec(message)?.[1] ?? "";
    const bare = flag.replace(/=.*$/, "");
    const meant = didYouMean(bare.replace(/^-+/, ""), Object.keys(OPTIONS));
    return meant === undefined
        ? `unknown option ${bare}; the options are ${FLAG_NAMES.join(", ")}`
        : `unknown option ${bare}; did you mean --${meant}?`;
}

/** The commands; `verify` is dispatched before these options are parsed (it has its own). */
const COMMANDS = ["plan", "verify"] as const;

function unknownCommand(command: string): string {
    const meant = didYouMean(command, COMMANDS);
    const hint =
        meant === undefined ? `; the commands are ${COMMANDS.join(", ")}` : `; did you mean ${meant}?`;
    return `unknown command: ${escapeUnsafe(command)}${hint}`;
}

/** Parses argv (without `node` and the script). */
export function parseCli(argv: readonly string[]): ParsedCli {
    let parsed;
    try {
        parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
        return { kind: "error", message: argumentError(error) };
    }
    const v = parsed.values;
    if (v.help === true) return { kind: "help" };
    if (v.version === true) return { kind: "version" };
    const [command, ...extra] = parsed.positionals;
    if (command !== "plan")
        return {
            kind: "error",
            message: command === undefined ? "missing command: plan" : unknownCommand(command),
        };
    if (extra.length > 0) return { kind: "error", message: `unexpected argument: ${escapeUnsafe(extra[0])}` };
    const problem =
        checkChoice("format", v.format, ["table", "markdown", "json"]) ??
        checkChoice("fail-on", v["fail-on"], [...SEVERITIES, "none"]) ??
        (v.config !== undefined && v["stack-config"] !== undefined
            ? "--config and --stack-config exclude each other"
            : undefined);
    if (problem !== undefined) return { kind: "error", message: problem };
    const exceptions = (v["allow-anywhere"] ?? []).map(parseException);
    const bad = exceptions.find((e): e is string => typeof e === "string");
    if (bad !== undefined) return { kind: "error", message: bad };
    const overrides = overridesOf(v);
    const failOn = v["fail-on"];
    return {
        kind: "options",
        options: {
            command: "plan",
            format: (v.format ?? "table") as Format,
            ...(v.config === undefined ? {} : { config: v.config }),
            ...(v["stack-config"] === undefined ? {} : { stackConfig: v["stack-config"] }),
            ...(v.diff === undefined ? {} : { diff: v.diff }),
            // A high finding (world-open ingress, a reserved range, a limit) fails the plan unless turned off.
            ...(failOn === "none" ? {} : { failOn: (failOn ?? DEFAULT_FAIL_ON) as Severity }),
            ...(v.name === undefined ? {} : { name: v.name }),
            allowAnywhere: exceptions as TrafficException[],
            overrides,
            hasOverrides: Object.keys(overrides).length > 0,
        },
    };
}
