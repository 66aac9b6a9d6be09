import { App } from 'aws-cdk-lib';
import { Template as CdkTemplate } from 'aws-cdk-lib/assertions';
import { SegmentedVpc } from '../../../constructs/aws/segmented-vpc';
import { SovereignStack } from '../../../constructs/aws/sovereign-stack';

/** A CloudFormation document, as the tests that mutate it need it. */
export type Doc = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

/** The template of a SegmentedVpc (10.20.0.0/16) in a stack of eu-west-3, as JSON. */
export function synthSegmentedVpc(): Doc {
  const stack = new SovereignStack(new App(), 'S', {
    env: { region: 'eu-west-3' },
    profile: 'morocco',
    classification: 'internal',
  });
  new SegmentedVpc(stack, 'Net', { cidr: '10.20.0.0/16' });
  return CdkTemplate.fromStack(stack).toJSON() as Doc;
}
