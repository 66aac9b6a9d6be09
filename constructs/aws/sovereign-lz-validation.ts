import { dirname, resolve } from 'node:path';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyValidationStack,
  PolicyViolatingResource,
  PolicyViolation,
} from 'aws-cdk-lib';
import {
  absoluteRuleSource,
  currentLanguage,
  isClassificationLevel,
  parseLanguage,
  resolveProfile,
  SovereignLzError,
  type ClassificationLevel,
  type JurisdictionProfile,
  type Language,
} from '../core';
// Types only: the engine is loaded when CDK first calls validate(), so that importing
// `sovereign-lz/aws` without the plugin costs nothing (the engine takes ~0.3 s to load).
import type { CheckResult, Finding, Template } from '../compliance';

/** Props of {@link SovereignLzValidation}. */
export interface SovereignLzValidationProps {
  /**
   * The profile the templates are judged under: a built-in id (`morocco`, `eu`), a profile file
   * (`FILE.json`, read when the plugin is created), or an object — as `check --profile`.
   * @default 'morocco'
   */
  readonly profile?: string | JurisdictionProfile;
  /**
   * The level of resources that carry no classification, as `check --classification` (CLS-1 then
   * warns "assumed LEVEL").
   * @default - none: CLS-1 is an error and level-dependent rules cannot prove anything
   */
  readonly classification?: ClassificationLevel;
  /**
   * The language of the findings' descriptions and fixes (`en` or `fr`); rule ids are never translated.
   * @default - `SOVEREIGN_LZ_LANG`, else English
   */
  readonly language?: Language;
}

/** The plugin's name in CDK's report, and the prefix of the ids `acknowledge()` takes (`sovereign-lz::RULE`). */
export const SOVEREIGN_LZ_PLUGIN_NAME = 'sovereign-lz';

/**
 * The compliance engine of `sovereign-lz check` as an aws-cdk-lib policy-validation plugin: every
 * `cdk synth` (and `app.synth()`) judges the synthesized templates, and the findings appear in
 * CDK's validation report with their rule id (`ENC-1/s3-bucket-cmk`), construct path, legal
 * source and fix. Each stack is judged in its own account and region, from its cloud-assembly
 * environment, with its stack tags and nested stacks: the same input `sovereign-lz check cdk.out`
 * reads, so the same findings.
 *
 * - Synthesis fails (the report's `success` is false) only for an unsuppressed `error` finding;
 *   warnings are reported without failing it; `info` findings are only counted (the report's
 *   metadata), as are suppressed ones.
 * - Our suppressions (`Metadata` `sovereign-lz` / `suppressions` on a resource) apply as in
 *   `check`: a suppressed finding is no violation.
 * - An `error` finding of an absolute rule (residency of `sensitive` data under the Moroccan
 *   profile, say) is reported as `fatal`: `Validations.of(x).acknowledge()` cannot silence it,
 *   as no suppression lifts it.
 * - Any other violation can be acknowledged as `sovereign-lz::RULE`; CDK then lists it as
 *   suppressed in its report, but the template does not change: `sovereign-lz check` and the
 *   reports of `synth` still count it (see docs/compliance.md).
 *
 * @example
 * const app = new App();
 * Validations.of(app).addPlugins(new SovereignLzValidation({ profile: 'morocco' }));
 */
export class SovereignLzValidation implements IPolicyValidationPlugin {
  public readonly name = SOVEREIGN_LZ_PLUGIN_NAME;
  /** The profile, resolved when the plugin is created (a bad one fails there, with one line). */
  public readonly profile: JurisdictionProfile;
  private readonly classification?: ClassificationLevel;
  private readonly language: Language;

  constructor(props: SovereignLzValidationProps = {}) {
    if (props.classification !== undefined && !isClassificationLevel(props.classification)) {
      throw new SovereignLzError(
        'USAGE',
        `SovereignLzValidation: classification '${String(props.classification)}' is not a level: use public, internal, personal, sensitive or secret`,
      );
    }
    this.language =
      props.language === undefined
        ? currentLanguage()
        : parseLanguage(String(props.language), 'SovereignLzValidation language');
    this.profile = resolveProfile(props.profile ?? 'morocco');
    this.classification = props.classification;
  }

  /** The version of the sovereign-lz package, as CDK's report shows it. */
  public get version(): string {
    return engine().toolVersion();
  }

  /** Called by CDK once the cloud assembly is written: judges its stacks, as `check` would. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const cwd = process.cwd();
    const templates = readStacks(context.stackTemplates, cwd, this.classification);
    const result = engine().checkInput({ templates, skipped: [] }, this.profile, { language: this.language });
    const violations = violationsOf(result, templates, context.stackTemplates, this.profile, cwd);
    const count = (f: (x: Finding) => boolean): string => String(result.findings.filter(f).length);
    return {
      success: result.summary.errors === 0,
      violations,
      pluginVersion: this.version,
      metadata: {
        profile: result.profile,
        resources: String(result.summary.resources),
        passed: String(result.summary.passed),
        errors: String(result.summary.errors),
        warnings: String(result.summary.warnings),
        info: count((f) => !f.suppressed && f.severity === 'info'),
        suppressed: String(result.summary.suppressed),
      },
    };
  }
}

type Engine = typeof import('../compliance') & typeof import('../compliance/read/cfn-nested-stacks');

let loaded: Engine | undefined;

function engine(): Engine {
  /* eslint-disable @typescript-eslint/no-require-imports */
  loaded ??= {
    ...(require('../compliance') as typeof import('../compliance')),
    ...(require('../compliance/read/cfn-nested-stacks') as typeof import('../compliance/read/cfn-nested-stacks')),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return loaded;
}

/**
 * The templates of the stacks CDK hands the plugin, read from their cloud assembly's
 * `manifest.json` as `check` reads it (tags, nested stacks, dependencies), each stack's account
 * and region checked against the plugin context's: both must say the same, or nothing is judged.
 */
function readStacks(
  stacks: readonly PolicyValidationStack[],
  cwd: string,
  classification: ClassificationLevel | undefined,
): Template[] {
  const { readCloudAssembly, isNestedTemplate } = engine();
  const wanted = new Map(stacks.map((s) => [resolve(s.templatePath), s]));
  const read: Template[] = [];
  const seen = new Set<string>();
  // Shorter directories first: an assembly's nested assemblies (Stages) are read with it.
  const dirs = [...new Set([...wanted.keys()].map((file) => dirname(file)))].sort((a, b) => a.length - b.length);
  for (const dir of dirs) {
    if ([...wanted.keys()].every((file) => dirname(file) !== dir || seen.has(file))) continue;
    for (const template of readCloudAssembly(dir, { cwd, classification })) {
      if (isNestedTemplate(template)) read.push(template);
      else if (!seen.has(resolve(cwd, template.file))) {
        seen.add(resolve(cwd, template.file));
        read.push(template);
      }
    }
  }
  // The stacks of the context, each followed by its nested stacks; the others are left out.
  const templates: Template[] = [];
  let keep = false;
  for (const template of read) {
    if (!isNestedTemplate(template)) keep = wanted.has(resolve(cwd, template.file));
    if (keep) templates.push(template);
  }
  for (const [file, stack] of wanted) {
    const template = templates.find((t) => !isNestedTemplate(t) && resolve(cwd, t.file) === file);
    if (!template) {
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${file}: the template of stack '${stack.stackConstructPath}' is not in the manifest.json beside it`,
      );
    }
    const { account, region } = template.stack;
    if (account !== stack.accountId || region !== stack.region) {
      throw new SovereignLzError(
        'INPUT_INVALID',
        `${file}: stack '${stack.stackConstructPath}' is in ${environmentText(stack.accountId, stack.region)} for CDK but ${environmentText(account, region)} in its manifest.json: synthesize again`,
      );
    }
  }
  return templates;
}

function environmentText(account: string | undefined, region: string | undefined): string {
  return `aws://${account ?? 'unknown-account'}/${region ?? 'unknown-region'}`;
}

/**
 * The unsuppressed `error` and `warning` findings as CDK violations, one per rule, severity and
 * text, listing the resources it was found on; in the order of the findings (by file, resource
 * and rule), so the report is the same on every run.
 */
function violationsOf(
  result: CheckResult,
  templates: readonly Template[],
  stacks: readonly PolicyValidationStack[],
  profile: JurisdictionProfile,
  cwd: string,
): PolicyViolation[] {
  const byFile = new Map(templates.map((t) => [t.file, t]));
  // A nested stack's template-wide finding is shown on the stack that holds it.
  const stackPaths = new Map<string, string>();
  let current: string | undefined;
  for (const template of templates) {
    const stack = stacks.find((s) => resolve(s.templatePath) === resolve(cwd, template.file));
    current = stack?.stackConstructPath ?? current;
    if (current !== undefined) stackPaths.set(template.file, current);
  }
  const groups = new Map<string, { violation: PolicyViolation; resources: PolicyViolatingResource[] }>();
  for (const f of result.findings) {
    if (f.suppressed || f.severity === 'info') continue;
    const level = f.resource ? byFile.get(f.file)?.byId.get(f.resource)?.classification?.level : undefined;
    const absolute = level !== undefined ? absoluteRuleSource(profile, f.control, level) : undefined;
    const severity = f.severity === 'error' && absolute ? 'fatal' : f.severity;
    const key = JSON.stringify([f.rule, severity, f.status, f.message, f.remediation, f.source]);
    let group = groups.get(key);
    if (!group) {
      const resources: PolicyViolatingResource[] = [];
      group = {
        resources,
        violation: {
          ruleName: f.rule,
          description: f.message,
          fix: `${f.remediation} (${f.source})`,
          severity,
          violatingResources: resources,
          ruleMetadata: {
            control: f.control,
            status: f.status,
            source: f.source,
            ...(absolute ? { absoluteRule: absolute } : {}),
          },
        },
      };
      groups.set(key, group);
    }
    group.resources.push(violatingResource(f, stackPaths, cwd));
  }
  return [...groups.values()].map((g) => g.violation);
}

/**
 * Where CDK shows a finding: the resource (its template and logical id, and its construct path
 * from `aws:cdk:path`), else the stack of a template-wide finding; a finding over the whole
 * input (no organization trail among the stacks, say) names no construct.
 */
function violatingResource(f: Finding, stackPaths: ReadonlyMap<string, string>, cwd: string): PolicyViolatingResource {
  if (!f.file) return { locations: [] };
  const templatePath = resolve(cwd, f.file);
  if (!f.resource) return { templatePath, constructPath: stackPaths.get(f.file), locations: [] };
  return {
    templatePath,
    resourceLogicalId: f.resource,
    ...(f.path ? { constructPath: f.path } : {}),
    locations: [],
  };
}
