import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What aws-cdk-lib says about tags: every taggable CloudFormation type and its tag property. */
export interface TaggableTypes {
  /** Type → tag property name (`Tags` for most). */
  readonly types: ReadonlyMap<string, string>;
  readonly version: string;
}

const TAG_MANAGER = /TagManager\(cdk\(\)\.TagType\.[A-Z_]+,"([^"]+)",[^,]*,\{tagPropertyName:"([A-Za-z0-9]+)"/g;

/** Scans aws-cdk-lib's generated L1 modules for their tag managers. */
export function scanAwsCdkLib(): TaggableTypes {
  const root = dirname(require.resolve('aws-cdk-lib/package.json'));
  const types = new Map<string, string>();
  for (const dir of readdirSync(root)) {
    let files: string[];
    try {
      files = readdirSync(join(root, dir, 'lib'));
    } catch {
      continue;
    }
    for (const file of files) {
      if (!file.endsWith('.generated.js') || file.includes('canned-metrics')) continue;
      const text = readFileSync(join(root, dir, 'lib', file), 'utf8');
      for (const m of text.matchAll(TAG_MANAGER)) {
        types.set(m[1], m[2].charAt(0).toUpperCase() + m[2].slice(1));
      }
    }
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { types, version };
}

/** The source of constructs/compliance/normalize/taggable-types.ts for these types. */
export function taggableTypesSource({ types, version }: TaggableTypes): string {
  const byService = new Map<string, string[]>();
  for (const type of [...types.keys()].sort()) {
    const i = type.lastIndexOf('::');
    const service = type.slice(0, i);
    byService.set(service, [...(byService.get(service) ?? []), type.slice(i + 2)]);
  }
  const services = [...byService].map(([service, names]) => `  '${service}': '${names.join(' ')}',`).join('\n');
  const special = [...types]
    .filter(([, prop]) => prop !== 'Tags')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, prop]) => `  '${type}': '${prop}',`)
    .join('\n');
  return `// Generated from aws-cdk-lib ${version} by test/compliance/taggable-types.test.ts
// (UPDATE_TAGGABLE_TYPES=1 npx jest test/compliance/taggable-types, then prettier). Do not edit.

/** Taggable CloudFormation types, by service: resource names separated by spaces. */
const TAGGABLE_BY_SERVICE: Readonly<Record<string, string>> = {
${services}
};

/** Types whose tags are not in \`Tags\`. */
const TAG_PROPERTIES: Readonly<Record<string, string>> = {
${special}
};

const TAGGABLE = new Set(
  Object.entries(TAGGABLE_BY_SERVICE).flatMap(([service, names]) => names.split(' ').map((n) => \`\${service}::\${n}\`)),
);

/** True if CloudFormation can tag resources of this type. */
export function isTaggableType(type: string): boolean {
  return TAGGABLE.has(type);
}

/** The property that holds a type's tags (\`Tags\` for most). */
export function tagPropertyOf(type: string): string {
  return TAG_PROPERTIES[type] ?? 'Tags';
}

/** Every taggable type, sorted (for tests). */
export function taggableTypes(): string[] {
  return [...TAGGABLE].sort();
}
`;
}
