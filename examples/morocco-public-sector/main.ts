// Entry point for `npx cdk synth` (see cdk.json): the CDK CLI sets CDK_OUTDIR.
import { build } from './app';

build({ awsOutdir: process.env.CDK_OUTDIR ?? 'cdk.out', kubernetesOutdir: 'cdktf.out' }).aws.synth();
