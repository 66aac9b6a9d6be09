import { App } from 'aws-cdk-lib';
import { EncryptedBucket, SovereignStack } from '../../constructs/aws';
import type { BuiltApp, SynthContext } from '../../constructs/cli/app-definition';
import { morocco } from '../../constructs/core';

/** The smallest lawful landing zone: one internal bucket in an allowlisted region. */
export function build({ awsOutdir }: SynthContext): BuiltApp {
  const app = new App({ outdir: awsOutdir });
  const stack = new SovereignStack(app, 'Minimal', {
    env: { region: 'eu-west-3' },
    profile: morocco,
    classification: 'internal',
  });
  // SSE-KMS with its own rotating key, TLS only, no public access, versioned, access-logged.
  new EncryptedBucket(stack, 'Documents');
  return { profile: morocco, aws: app };
}
