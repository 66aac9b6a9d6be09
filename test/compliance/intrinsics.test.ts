import { isUnresolved, Resolver, ResourceRef, Unresolved } from '../../constructs/compliance/normalize/intrinsics';
import { bool, int, refTarget, str } from '../../constructs/compliance/normalize/values';

function resolver(extra: Partial<ConstructorParameters<typeof Resolver>[0]> = {}): Resolver {
  return new Resolver({
    resources: new Set(['Key', 'Bucket']),
    parameters: new Set(['Env', 'KeyArn']),
    mappings: { Regions: { 'eu-west-3': { Name: 'paris' } } },
    conditions: { IsProd: { 'Fn::Equals': ['prod', 'prod'] }, FromParam: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    region: 'eu-west-3',
    account: '111111111111',
    stackName: 'S',
    ...extra,
  });
}

test('a Ref or GetAtt to a resource of the template becomes a reference that rules can follow', () => {
  const r = resolver();
  expect(r.resolve({ Ref: 'Key' })).toEqual(new ResourceRef('Key'));
  expect(r.resolve({ 'Fn::GetAtt': ['Key', 'Arn'] })).toEqual(new ResourceRef('Key', 'Arn'));
  expect(r.resolve({ 'Fn::GetAtt': 'Key.Arn' })).toEqual(new ResourceRef('Key', 'Arn'));
  expect(
    refTarget(r.resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Bucket' }]] })),
  ).toBe('Bucket');
});

test('a parameter, a dangling Ref, an import are unresolved with their cause, never a value', () => {
  const r = resolver();
  const param = r.resolve({ Ref: 'KeyArn' }) as Unresolved;
  expect(param.causes).toEqual(["parameter 'KeyArn'"]);
  expect((r.resolve({ Ref: 'Nope' }) as Unresolved).causes).toEqual(["dangling Ref 'Nope'"]);
  expect((r.resolve({ 'Fn::GetAtt': ['Nope', 'Arn'] }) as Unresolved).causes[0]).toContain('dangling');
  expect((r.resolve({ 'Fn::ImportValue': 'Shared-Key' }) as Unresolved).causes).toEqual(["import 'Shared-Key'"]);
  expect(isUnresolved(r.resolve({ 'Fn::Sub': '${KeyArn}/x' }))).toBe(true);
});

test('strings built from known parts are joined; pseudo parameters come from the environment', () => {
  const r = resolver();
  expect(r.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' })).toBe(
    'arn:aws:iam::111111111111:root',
  );
  expect(r.resolve({ 'Fn::Sub': ['${A}-${AWS::Region}', { A: 'x' }] })).toBe('x-eu-west-3');
  expect(r.resolve({ 'Fn::Join': ['.', ['com.amazonaws', { Ref: 'AWS::Region' }, 's3']] })).toBe(
    'com.amazonaws.eu-west-3.s3',
  );
  expect(r.resolve({ 'Fn::Select': [1, ['a', 'b']] })).toBe('b');
  expect(r.resolve({ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Name'] })).toBe('paris');
  expect(r.resolve({ 'Fn::Sub': 'keep ${!Literal}' })).toBe('keep ${Literal}');
  const noAccount = resolver({ account: undefined }).resolve({ 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' });
  expect(noAccount).toEqual(new Unresolved([], [], 'arn:aws:iam::${AWS::AccountId}:root'));
});

test('conditions are evaluated when the template determines them; AWS::NoValue removes a property', () => {
  const r = resolver();
  expect(r.resolve({ 'Fn::If': ['IsProd', 'a', 'b'] })).toBe('a');
  expect(r.resolve({ A: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 1] }, B: 2 })).toEqual({ B: 2 });
  const unknown = r.resolve({ 'Fn::If': ['FromParam', 'a', 'b'] }) as Unresolved;
  expect(unknown.causes).toEqual(expect.arrayContaining(["parameter 'Env'", "condition 'FromParam'"]));
  expect(r.resolve({ 'Fn::If': ['FromParam', 'same', 'same'] })).toBe('same');
  expect(isUnresolved(r.resolve({ 'Fn::If': ['Missing', 'a', 'b'] }))).toBe(true);
});

test('scalars are coerced as CloudFormation does', () => {
  expect(bool('true')).toBe(true);
  expect(bool('False')).toBe(false);
  expect(int('365')).toBe(365);
  expect(int(30)).toBe(30);
  expect(str(365)).toBe('365');
  expect(isUnresolved(bool('yes'))).toBe(true);
  expect(isUnresolved(int('a year'))).toBe(true);
  expect(bool(undefined)).toBeUndefined();
});

test('a property named __proto__ stays a property of the resolved object, never its prototype', () => {
  const properties = JSON.parse(
    '{"__proto__": {"BucketEncryption": {"ServerSideEncryptionConfiguration": []}}, "BucketName": {"Ref": "Env"}}',
  );
  const resolved = resolver().resolve(properties) as Record<string, unknown>;
  expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
  expect(Object.keys(resolved)).toEqual(['__proto__', 'BucketName']);
  // What CloudFormation would refuse is not read as the bucket's encryption.
  expect(resolved.BucketEncryption).toBeUndefined();
  expect(isUnresolved(resolved.BucketName)).toBe(true);
});
