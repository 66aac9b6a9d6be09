import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import type { CheckResult, Finding, Pass } from '../../constructs/compliance/normalize/model';
import { formatHtml, stackOfFile } from '../../constructs/compliance/report/report-html';
import { formatReport, REPORT_FILES, REPORT_FORMATS, writeReports } from '../../constructs/compliance/report/reports';
import { builtinProfile, type Language } from '../../constructs/core';
import { runCheckIn } from './helpers/run-check';
import { template } from './helpers/judge';
import { VIOLATING, VIOLATING_EXTRA } from './helpers/report-fixtures';

// The HTML report (compliance.html, check --format html): escaping, determinism, the
// SOURCE_DATE_EPOCH date and the words as text; filters, sorting, print and the absence of any
// request in headless Chromium.

const RECORDS = 'aws/Records.template.json';
const ANALYTICS = 'aws/Analytics.template.json';
const CASABLANCA = 'kubernetes/stacks/ma-casablanca-1/cdk.tf.json';
const SHA = (c: string) => c.repeat(64);

function finding(f: Partial<Finding> & Pick<Finding, 'control' | 'rule' | 'resource' | 'file'>): Finding {
  return {
    status: 'fail',
    severity: 'error',
    message: 'message',
    remediation: 'remediation',
    source: 'L05-20 Art. 11',
    suppressed: false,
    ...f,
  };
}

/** A small result by hand: findings of each status on three stacks, and passes, with and without evidence. */
function sample(language: Language = 'en', extra: { findings?: Finding[]; passes?: Pass[] } = {}): CheckResult {
  const findings: Finding[] = [
    finding({
      control: 'ENC-1',
      rule: 'ENC-1/s3-bucket-cmk',
      resource: 'Bucket',
      file: RECORDS,
      path: 'Records/Bucket/Resource',
      line: 12,
      message: 'the bucket is encrypted with an AWS-managed key',
      remediation: 'encrypt it with a customer-managed KMS key',
      evidence: { sseAlgorithm: 'AES256', kmsKeyId: 'none' },
    }),
    finding({
      control: 'KEY-2',
      rule: 'KEY-2/kms-rotation',
      resource: 'Key',
      file: RECORDS,
      path: 'Records/Key/Resource',
      message: 'key rotation is off',
      evidence: { enableKeyRotation: false },
    }),
    finding({
      control: 'LOG-2',
      rule: 'LOG-2/log-sink-retention',
      status: 'cannot-prove',
      severity: 'warning',
      resource: 'kubernetes_config_map_v1.audit',
      file: CASABLANCA,
      message: 'the retention is a variable',
    }),
    finding({
      control: 'LOG-4',
      rule: 'LOG-4/s3-access-logging',
      severity: 'warning',
      resource: 'Data',
      file: ANALYTICS,
      message: 'no access logging',
      suppressed: true,
      justification: 'logged by the SIEM agent',
    }),
    finding({
      control: 'JUR-1',
      rule: 'JUR-1/attestations',
      status: 'cannot-prove',
      severity: 'info',
      resource: 'attestation/cndp-authorizations',
      file: '',
      message: 'manual check, not attested',
    }),
    ...(extra.findings ?? []),
  ];
  const passes: Pass[] = [
    {
      control: 'ENC-1',
      rule: 'ENC-1/s3-bucket-cmk',
      resource: 'Archive',
      file: ANALYTICS,
      path: 'Analytics/Archive/Resource',
      evidence: { kmsKeyId: 'Ref Key', algorithms: ['aws:kms', 'aws:kms:dsse'] },
    },
    { control: 'KEY-2', rule: 'KEY-2/kms-rotation', resource: 'Key', file: ANALYTICS },
    { control: 'RES-1', rule: 'RES-1/stack-region', resource: 'kubernetes_namespace_v1.civil', file: CASABLANCA },
    ...(extra.passes ?? []),
  ];
  return {
    profile: 'morocco',
    findings,
    passes,
    summary: { resources: 8, passed: passes.length, errors: 2, warnings: 1, suppressed: 1, notAssessed: 0 },
    skipped: [],
    notApplicable: [],
    inputs: [ANALYTICS, RECORDS, CASABLANCA],
    inputDigests: [
      { file: ANALYTICS, sha256: SHA('a') },
      { file: RECORDS, sha256: SHA('b') },
      { file: CASABLANCA, sha256: SHA('c') },
      { file: 'profile.json', sha256: SHA('d') },
    ],
    rules: [
      { id: 'ENC-1/s3-bucket-cmk', control: 'ENC-1', title: 'Buckets use a CMK', description: '', remediation: '' },
      { id: 'KEY-2/kms-rotation', control: 'KEY-2', title: 'Keys rotate', description: '', remediation: '' },
      { id: 'RES-1/stack-region', control: 'RES-1', title: 'Stacks stay in-country', description: '', remediation: '' },
    ],
    effectiveProfile: builtinProfile('morocco'),
    language,
  };
}

const HOSTILE = '<script>alert(1)</script>';
const hostile = (): CheckResult =>
  sample('en', {
    findings: [
      finding({
        control: 'NET-1',
        rule: 'NET-1/open-ingress',
        resource: HOSTILE,
        file: `aws/${HOSTILE}.template.json`,
        path: `"><img src=x onerror=alert(2)>`,
        message: `He said "hi" & 'bye' <img src=x onerror=alert(3)>`,
        evidence: { cidr: '<b>0.0.0.0/0</b>', ports: ['"22"', "'80'"] },
      }),
      finding({
        control: 'LOG-4',
        rule: 'LOG-4/s3-access-logging',
        resource: 'Trojan\u202eevil\u0007',
        file: RECORDS,
        suppressed: true,
        justification: `</td></tr><script>alert(4)</script>`,
      }),
    ],
  });

/** formatHtml without SOURCE_DATE_EPOCH in the environment, whatever the caller's. */
function withEpoch<T>(value: string | undefined, run: () => T): T {
  const saved = process.env.SOURCE_DATE_EPOCH;
  if (value === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = value;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  }
}
const render = (result: CheckResult) => withEpoch(undefined, () => formatHtml(result));
/**
 * The page without its source's line breaks and indentation (none beside a tag, else one space)
 * and without the line-break opportunities of paths and ids, for assertions.
 */
const squash = (page: string) =>
  page
    .replace(/[ \t]*\n\s*/g, '\n')
    .replace(/>\n|\n</g, (m) => m.trim())
    .replace(/\n/g, ' ')
    .replace(/<wbr \/>/g, '');
const text = (result: CheckResult) => squash(render(result));

describe('formatHtml', () => {
  test('escapes every value: no tag, quote or control character of the result reaches the page raw', () => {
    const page = text(hostile());
    // The report's own script is the only one; no value opens a tag or leaves an attribute.
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('alert(1)</script>');
    expect(page).not.toContain('<b>0.0.0.0');
    expect(page).toContain('<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>');
    expect(page).toContain('data-resource="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page).toContain('data-path="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"');
    expect(page).toContain('He said &quot;hi&quot; &amp; &#39;bye&#39; &lt;img src=x onerror=alert(3)&gt;');
    expect(page).toContain('<code>cidr=&lt;b&gt;0.0.0.0/0&lt;/b&gt;</code>');
    expect(page).toContain('<code>ports=&quot;22&quot;,&#39;80&#39;</code>');
    expect(page).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(4)&lt;/script&gt;');
    // A bidirectional override or a bell would reorder or hide what the reviewer reads.
    expect(page).toContain('Trojan\ufffdevil\ufffd');
    expect(page).not.toMatch(/[\u202e\u0007]/);
  });

  test('is deterministic: the same result gives the same bytes', () => {
    expect(render(sample())).toBe(render(sample()));
    expect(render(sample('fr'))).toBe(render(sample('fr')));
  });

  test('has no date without SOURCE_DATE_EPOCH, and its ISO UTC date with it', () => {
    const undated = render(sample());
    expect(undated).not.toContain('<time');
    expect(undated).not.toMatch(/\b(19|20)\d\d-\d\d-\d\d/);
    const dated = withEpoch('1767225600', () => formatHtml(sample()));
    expect(squash(dated)).toContain(
      '<dt>Date:</dt><dd><time datetime="2026-01-01T00:00:00Z">2026-01-01T00:00:00Z</time></dd>',
    );
    expect(withEpoch('1767225600', () => formatHtml(sample()))).toBe(dated);
    // An empty value is unset; the option wins over the environment.
    expect(withEpoch('', () => formatHtml(sample()))).toBe(undated);
    expect(withEpoch('1767225600', () => formatHtml(sample(), { sourceDateEpoch: undefined }))).toBe(undated);
    expect(() => withEpoch('yesterday', () => formatHtml(sample()))).toThrow(
      "SOURCE_DATE_EPOCH 'yesterday' is not a number of seconds since 1970-01-01 UTC",
    );
  });

  test('the header holds the verdict, the profile, the tool version, the language and the inputs with their SHA-256', () => {
    const page = text(sample());
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<p class="verdict failed"><strong>FAILED</strong>: 2 unsuppressed errors</p>');
    expect(page).toContain(`<dd>${builtinProfile('morocco').name.replace(/'/g, '&#39;')} (<code>morocco</code>)</dd>`);
    expect(page).toMatch(/<dt>Tool:<\/dt><dd>sovereign-lz \d+\.\d+\.\d+<\/dd>/);
    expect(squash(formatHtml(sample(), { toolVersion: '9.9.9', sourceDateEpoch: undefined }))).toContain(
      '<dd>sovereign-lz 9.9.9</dd>',
    );
    expect(page).toContain('<dt>Language:</dt><dd>English (<code>en</code>)</dd>');
    expect(page).toContain('<dt>Inputs (4):</dt>');
    for (const [file, c] of [
      [ANALYTICS, 'a'],
      [RECORDS, 'b'],
      [CASABLANCA, 'c'],
      ['profile.json', 'd'],
    ]) {
      expect(page).toContain(
        `<tr><td><code>${file}</code></td><td><code class="sha">sha256:${SHA(c)}</code></td></tr>`,
      );
    }
    // Without digests (a result of an older run), the inputs are listed without one.
    const { inputDigests: _, ...older } = sample();
    expect(text(older)).toContain(`<tr><td><code>${RECORDS}</code></td><td><em>not hashed</em></td></tr>`);
    const passed = text({ ...sample(), summary: { ...sample().summary, errors: 0 } });
    expect(passed).toContain('<p class="verdict passed"><strong>PASSED</strong>: no unsuppressed error</p>');
  });

  test('one row per finding (most urgent first) then per pass, with its data attributes, stack or site and evidence', () => {
    const page = text(sample());
    const rows = [
      ...page.matchAll(
        /<tr data-control="([^"]*)" data-status="([^"]*)" data-severity="([^"]*)" data-stack="([^"]*)" data-resource="([^"]*)"/g,
      ),
    ].map((m) => m.slice(1).join(' '));
    expect(rows).toEqual([
      'ENC-1 fail error Records Bucket',
      'KEY-2 fail error Records Key',
      'LOG-2 cannot-prove warning ma-casablanca-1 kubernetes_config_map_v1.audit',
      'JUR-1 cannot-prove info  attestation/cndp-authorizations',
      'LOG-4 suppressed warning Analytics Data',
      'ENC-1 pass none Analytics Archive',
      'KEY-2 pass none Analytics Key',
      'RES-1 pass none ma-casablanca-1 kubernetes_namespace_v1.civil',
    ]);
    expect(page).toContain('<small>aws/Records.template.json:12</small>');
    expect(page).toContain('<small>Records/Bucket/Resource</small>');
    expect(page).toContain(
      '<ul class="ev"><li><code>sseAlgorithm=AES256</code></li><li><code>kmsKeyId=none</code></li></ul>',
    );
    expect(page).toContain('<li><code>algorithms=aws:kms,aws:kms:dsse</code></li>');
    expect(page).toContain('<li><code>enableKeyRotation=false</code></li>');
    expect(page).toContain('justification: logged by the SIEM agent');
    expect(page).toContain('Fix: encrypt it with a customer-managed KMS key (L05-20 Art. 11)');
    // A pass reads as its rule's title.
    expect(page).toContain('<td class="msg">Buckets use a CMK</td>');
  });

  test('in French with language fr: the words of the Markdown report, ids untranslated', () => {
    const page = text(sample('fr'));
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<h1>Matrice des preuves de conformité</h1>');
    expect(page).toContain('<strong>ÉCHEC</strong> : 2 erreurs sans dérogation');
    expect(page).toContain('<dt>Profil :</dt>');
    expect(page).toContain('<dt>Langue :</dt><dd>français (<code>fr</code>)</dd>');
    expect(page).toContain('<span class="badge st-fail">non conforme</span>');
    expect(page).toContain('<span class="badge st-suppressed">dérogation</span>');
    expect(page).toContain('class="sev-error">erreur</td>');
    expect(page).toContain('<th scope="col">pile ou site</th>');
    expect(page).toContain('Correction : encrypt it');
    expect(page).toContain('data-status="fail"');
    expect(page).toContain('<code>ENC-1/s3-bucket-cmk</code>');
  });

  test('loads nothing: no src, href, link, import or URL; a CSP forbids any fetch', () => {
    const page = text(sample());
    expect(page).not.toMatch(/\b(src|href|action|srcset|poster|data)\s*=/i);
    expect(page).not.toMatch(/<link|<img|<iframe|<object|url\(|@import|https?:\/\//i);
    expect(page).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/,
    );
  });

  test('stackOfFile: the stack of a template, the site of a cdktf stack, the name of any other file', () => {
    expect(stackOfFile('aws/Records.template.json')).toBe('Records');
    expect(stackOfFile('kubernetes/stacks/ma-casablanca-1/cdk.tf.json')).toBe('ma-casablanca-1');
    expect(stackOfFile('S.template.yaml')).toBe('S');
    expect(stackOfFile('infra/main.tf.json')).toBe('main');
    expect(stackOfFile('manifests/app.yaml')).toBe('app');
    expect(stackOfFile('')).toBe('');
  });
});

describe('wiring', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slz-html-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(template(VIOLATING, VIOLATING_EXTRA)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('html is a report format, and writeReports writes compliance.html', () => {
    expect(REPORT_FORMATS).toContain('html');
    expect(REPORT_FILES.html).toBe('compliance.html');
    const result = sample();
    withEpoch(undefined, () => {
      expect(formatReport(result, 'html')).toBe(formatHtml(result));
      const written = writeReports(result, join(dir, 'reports'));
      expect(written.html).toBe(join(dir, 'reports', 'compliance.html'));
      expect(readFileSync(written.html, 'utf8')).toBe(formatHtml(result));
    });
  });

  test('sovereign-lz check --format html [--lang fr] prints the report', () => {
    const { code, out, err } = withEpoch(undefined, () =>
      runCheckIn(dir, ['bad.json'], { format: 'html', region: 'eu-west-3', lang: 'fr' }),
    );
    expect([code, err]).toEqual([1, '']);
    expect(out).toMatch(/^<!DOCTYPE html>\s*<html lang="fr">/);
    expect(out).toContain('<strong>ÉCHEC</strong>');
    expect(out).toContain('data-resource="Open"');
  });
});

describe('compliance.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  let page: Page;
  /** Requests the page attempted beyond its own file (network or another file): must stay empty. */
  let requests: string[];
  /** Dialogs (a hostile value's alert()) and console errors (a CSP refusal): must stay empty. */
  let incidents: string[];

  beforeAll(async () => {
    browser = await launchChromium('the HTML report');
    dir = mkdtempSync(join(tmpdir(), 'slz-html-browser-'));
    file = join(dir, 'compliance.html');
    writeFileSync(file, render(hostile()));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(options: { javaScriptEnabled?: boolean; url?: string; width?: number } = {}): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: options.width ?? 1400, height: 900 },
    });
    const p = await context.newPage();
    await p.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const url = options.url ?? pathToFileURL(file).href;
    p.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    p.on('dialog', (d) => {
      incidents.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    p.on('console', (m) => {
      if (m.type() === 'error') incidents.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => incidents.push(`page error: ${e.message}`));
    await p.goto(url);
    return p;
  }

  beforeEach(async () => {
    requests = [];
    incidents = [];
    page = await open();
  });
  afterEach(async () => {
    await page?.context().close();
    expect(requests).toEqual([]);
    expect(incidents).toEqual([]);
  });

  /** The data-resource of the rows shown, in the table's order. */
  const visible = async () => {
    const out: string[] = [];
    for (const row of await page.locator('#rows tbody tr').all()) {
      if (await row.isVisible()) out.push((await row.getAttribute('data-resource')) ?? '');
    }
    return out;
  };
  const ALL = [
    'Bucket',
    'Key',
    HOSTILE,
    'kubernetes_config_map_v1.audit',
    'attestation/cndp-authorizations',
    'Data',
    'Trojan\ufffdevil\ufffd',
    'Archive',
    'Key',
    'kubernetes_namespace_v1.civil',
  ];

  test('every row shows at first, the filters show, the hostile values as text', async () => {
    expect(await visible()).toEqual(ALL);
    expect(await page.locator('#filters').isVisible()).toBe(true);
    expect(await page.locator('#shown').textContent()).toBe('10');
    expect(await page.locator(`#rows tbody tr[data-resource="${HOSTILE}"] td:nth-child(5) code`).textContent()).toBe(
      HOSTILE,
    );
  });

  test('filters by status, then by resource text; reset shows every row again', async () => {
    await page.selectOption('select[name="status"]', '=fail');
    expect(await visible()).toEqual(['Bucket', 'Key', HOSTILE]);
    expect(await page.locator('#shown').textContent()).toBe('3');
    await page.fill('input[name="resource"]', 'buck');
    expect(await visible()).toEqual(['Bucket']);
    await page.fill('input[name="resource"]', 'no such thing');
    expect(await visible()).toEqual([]);
    expect(await page.locator('#no-rows').isVisible()).toBe(true);
    await page.click('button[type="reset"]');
    await page.locator('#shown', { hasText: '10' }).waitFor();
    expect(await visible()).toEqual(ALL);
    expect(await page.locator('#no-rows').isVisible()).toBe(false);
  });

  test('filters by control, severity and stack or site; the construct path matches the text search', async () => {
    await page.selectOption('select[name="control"]', '=ENC-1');
    expect(await visible()).toEqual(['Bucket', 'Archive']);
    await page.selectOption('select[name="control"]', '');
    await page.selectOption('select[name="stack"]', '=ma-casablanca-1');
    expect(await visible()).toEqual(['kubernetes_config_map_v1.audit', 'kubernetes_namespace_v1.civil']);
    await page.selectOption('select[name="severity"]', '=warning');
    expect(await visible()).toEqual(['kubernetes_config_map_v1.audit']);
    await page.selectOption('select[name="stack"]', '');
    await page.selectOption('select[name="severity"]', '');
    // The whole input (JUR-1) is a choice of its own.
    await page.selectOption('select[name="stack"]', '=');
    expect(await visible()).toEqual(['attestation/cndp-authorizations']);
    await page.selectOption('select[name="stack"]', '');
    await page.fill('input[name="resource"]', 'analytics/archive');
    expect(await visible()).toEqual(['Archive']);
  });

  test('a click on a column heading sorts by it, a second click reverses', async () => {
    await page.click('#rows thead th:nth-child(5) button');
    const ascending = await visible();
    expect(ascending).toEqual([...ALL].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    expect(await page.locator('#rows thead th:nth-child(5)').getAttribute('aria-sort')).toBe('ascending');
    await page.click('#rows thead th:nth-child(5) button');
    expect(await visible()).toEqual([...ascending].reverse());
    // Severity sorts by rank, not by word: errors, warnings, info, then passes.
    await page.click('#rows thead th:nth-child(3) button');
    const severities = await page
      .locator('#rows tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-severity')));
    expect(severities).toEqual([
      'error',
      'error',
      'error',
      'error',
      'warning',
      'warning',
      'info',
      'none',
      'none',
      'none',
    ]);
    // Filters still apply to the sorted rows.
    await page.selectOption('select[name="status"]', '=pass');
    expect(await visible()).toEqual(['Archive', 'Key', 'kubernetes_namespace_v1.civil']);
  });

  test('in print: no filters, every row even when filtered, black on white', async () => {
    await page.selectOption('select[name="status"]', '=fail');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await visible()).toEqual(ALL);
    const colours = await page
      .locator('.badge.st-fail')
      .first()
      .evaluate((e) => {
        const style = e.ownerDocument.defaultView!.getComputedStyle(e);
        return [style.color, style.backgroundColor];
      });
    expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('without JavaScript: every row shows and the inert filters are hidden', async () => {
    const p = await open({ javaScriptEnabled: false });
    try {
      expect(await p.locator('#filters').isVisible()).toBe(false);
      expect(await p.locator('#rows tbody tr:visible').count()).toBe(ALL.length);
    } finally {
      await p.context().close();
    }
  });

  // SOVEREIGN_LZ_SCREENSHOTS=/tmp keeps them (compliance-html.png, -fr.png, -print.png); else they go with the temp dir.
  test('screenshots of the report, in English, French and print, for a person to look at', async () => {
    const shots = process.env.SOVEREIGN_LZ_SCREENSHOTS ?? dir;
    await page.screenshot({ path: join(shots, 'compliance-html.png'), fullPage: true });
    const fr = join(dir, 'compliance-fr.html');
    writeFileSync(fr, render(sample('fr')));
    // The printable width of A4 landscape with 12 mm margins, at 96 dpi.
    const p = await open({ url: pathToFileURL(fr).href, width: 1032 });
    try {
      await p.screenshot({ path: join(shots, 'compliance-html-fr.png'), fullPage: true });
      await p.emulateMedia({ media: 'print' });
      await p.screenshot({ path: join(shots, 'compliance-html-print.png'), fullPage: true });
    } finally {
      await p.context().close();
    }
  });
});
