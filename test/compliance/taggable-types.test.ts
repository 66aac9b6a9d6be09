import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTaggableType, tagPropertyOf, taggableTypes } from '../../constructs/compliance/normalize/taggable-types';
import { scanAwsCdkLib, taggableTypesSource } from './helpers/taggable-types-source';

test('the taggable types match the CloudFormation types aws-cdk-lib can tag', () => {
  const scanned = scanAwsCdkLib();
  if (process.env.UPDATE_TAGGABLE_TYPES) {
    writeFileSync(
      join(__dirname, '../../constructs/compliance/normalize/taggable-types.ts'),
      taggableTypesSource(scanned),
    );
  }
  expect(taggableTypes()).toEqual([...scanned.types.keys()].sort());
  for (const [type, prop] of scanned.types) expect(tagPropertyOf(type)).toBe(prop);
});

test('common types are taggable; policies and routes are not', () => {
  expect(isTaggableType('AWS::S3::Bucket')).toBe(true);
  expect(isTaggableType('AWS::KMS::Key')).toBe(true);
  expect(isTaggableType('AWS::S3::BucketPolicy')).toBe(false);
  expect(isTaggableType('AWS::EC2::Route')).toBe(false);
  expect(tagPropertyOf('AWS::EFS::FileSystem')).toBe('FileSystemTags');
  expect(tagPropertyOf('AWS::Backup::BackupVault')).toBe('BackupVaultTags');
});
