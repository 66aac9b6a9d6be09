import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { OrganizationalUnits } from '../../constructs/aws/organizational-units';
import { SovereignStack } from '../../constructs/aws/sovereign-stack';
import { nagErrors } from '../helpers/nag';

function stack(profile: 'morocco' | 'eu' = 'morocco') {
  return new SovereignStack(new App(), 'S', { env: { region: 'eu-west-3' }, profile, classification: 'internal' });
}

function ouIds(t: Template): Record<string, string> {
  const ous = t.findResources('AWS::Organizations::OrganizationalUnit') as Record<string, any>;
  return Object.fromEntries(Object.entries(ous).map(([id, r]) => [r.Properties.Name, id]));
}

test('creates the purpose OUs under the root and one workloads OU per level an AWS region may host (morocco)', () => {
  const s = stack();
  const units = new OrganizationalUnits(s, 'Units', { parentId: 'r-ab12' });
  const t = Template.fromStack(s);
  const ids = ouIds(t);
  expect(Object.keys(ids).sort()).toEqual([
    'Internal',
    'LogArchive',
    'Public',
    'Security',
    'SharedNetwork',
    'Workloads',
  ]);
  for (const name of ['Security', 'LogArchive', 'SharedNetwork', 'Workloads']) {
    t.hasResourceProperties('AWS::Organizations::OrganizationalUnit', {
      Name: name,
      ParentId: 'r-ab12',
      Tags: Match.arrayWith([
        { Key: 'sovereign-lz.io/classification', Value: 'internal' },
        { Key: 'sovereign-lz.io/jurisdiction', Value: 'morocco' },
      ]),
    });
  }
  for (const name of ['Public', 'Internal']) {
    t.hasResourceProperties('AWS::Organizations::OrganizationalUnit', {
      Name: name,
      ParentId: { 'Fn::GetAtt': [ids.Workloads, 'Id'] },
    });
  }
  expect(Object.keys(units.workloadsByLevel)).toEqual(['public', 'internal']);
  expect(units.workloadsOuIdOf('sensitive')).toBeUndefined();
  expect(s.resolve(units.guardrailTargetIds)).toEqual(
    ['Security', 'LogArchive', 'SharedNetwork', 'Workloads'].map((n) => ({ 'Fn::GetAtt': [ids[n], 'Id'] })),
  );
});

test('under eu, personal and sensitive workloads get their OUs too', () => {
  const s = stack('eu');
  const units = new OrganizationalUnits(s, 'Units', { parentId: 'ou-ab12-cdef3456' });
  expect(Object.keys(units.workloadsByLevel)).toEqual(['public', 'internal', 'personal', 'sensitive']);
});

test('takes the workload levels given', () => {
  const s = stack();
  const units = new OrganizationalUnits(s, 'Units', { parentId: 'r-ab12', workloadLevels: ['internal'] });
  expect(Object.keys(units.workloadsByLevel)).toEqual(['internal']);
  Template.fromStack(s).resourceCountIs('AWS::Organizations::OrganizationalUnit', 5);
});

test('fails if the parent id is neither a root nor an OU id', () => {
  expect(() => new OrganizationalUnits(stack(), 'Units', { parentId: '123456789012' })).toThrow(
    /\[S\/Units\] PROPS: parentId '123456789012' is not a root id \(r-…\) or an OU id \(ou-…-…\)/,
  );
});

test('fails if a workload level may live in no AWS region (sensitive under morocco, secret anywhere)', () => {
  expect(
    () =>
      new OrganizationalUnits(stack(), 'Units', {
        parentId: 'r-ab12',
        workloadLevels: ['sensitive', 'secret', 'internal'],
      }),
  ).toThrow(
    /\[S\/Units\] 2 problems:\n {2}- RES-1: workloadLevels\[0\]: level 'sensitive' may not be hosted in any AWS region under profile 'morocco'.*\(L05-20 Art\. 11; RQC 3\.15\.2\).*\n {2}- RES-1: workloadLevels\[1\]: level 'secret'/,
  );
});

test('fails if a workload level is listed twice', () => {
  expect(
    () => new OrganizationalUnits(stack(), 'Units', { parentId: 'r-ab12', workloadLevels: ['internal', 'internal'] }),
  ).toThrow(/\[S\/Units\] PROPS: workloadLevels\[1\] 'internal' is listed twice/);
});

test('cdk-nag finds no error', () => {
  const s = stack();
  new OrganizationalUnits(s, 'Units', { parentId: 'r-ab12' });
  expect(nagErrors(s)).toEqual([]);
});
