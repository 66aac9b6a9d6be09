import { judge, on, passed, template } from '../helpers/judge';

const RULE = 'CLS-1/classification-tag';
const tagged = (level: string) => ({ Tags: [{ Key: 'sovereign-lz.io/classification', Value: level }] });

test('a resource tagged with a level passes', () => {
  const r = judge(template({ Q: { Type: 'AWS::SQS::Queue', Properties: tagged('internal') } }), { stackLevel: null });
  expect(passed(r, RULE, 'Q')).toBe(true);
});

test("a resource inherits its stack's tag", () => {
  const r = judge(template({ Q: { Type: 'AWS::SQS::Queue' } }), { stackLevel: 'personal' });
  expect(passed(r, RULE, 'Q')).toBe(true);
});

test('fails with an error if a taggable resource has no classification anywhere', () => {
  const r = judge(template({ Q: { Type: 'AWS::SQS::Queue' } }), { stackLevel: null });
  expect(on(r, RULE, 'Q')).toEqual([
    expect.objectContaining({
      status: 'fail',
      severity: 'error',
      message: expect.stringContaining('no sovereign-lz.io/classification tag'),
    }),
  ]);
});

test('fails if the tag is not a level of the profile', () => {
  const r = judge(template({ Q: { Type: 'AWS::SQS::Queue', Properties: tagged('confidential') } }));
  expect(on(r, RULE, 'Q')[0].message).toContain("'confidential', which is not a level");
});

test('warns "assumed LEVEL" with --classification', () => {
  const r = judge(template({ Q: { Type: 'AWS::SQS::Queue' } }), { stackLevel: null, assumed: 'internal' });
  expect(on(r, RULE, 'Q')).toEqual([
    expect.objectContaining({ severity: 'warning', message: expect.stringContaining("level 'internal' assumed") }),
  ]);
});

test('a tag given by a parameter cannot establish the level', () => {
  const r = judge(
    template(
      {
        Q: {
          Type: 'AWS::SQS::Queue',
          Properties: { Tags: [{ Key: 'sovereign-lz.io/classification', Value: { Ref: 'Level' } }] },
        },
      },
      { Parameters: { Level: { Type: 'String' } } },
    ),
  );
  expect(on(r, RULE, 'Q')[0].message).toContain('not a literal value');
});

test('resources that cannot carry tags are not judged by CLS-1', () => {
  const r = judge(template({ P: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'b', PolicyDocument: {} } } }), {
    stackLevel: null,
  });
  expect(on(r, RULE, 'P')).toEqual([]);
  expect(passed(r, RULE, 'P')).toBe(false);
});
