// Entry point for `npx cdk synth` (see cdk.json): the CDK CLI sets CDK_OUTDIR.
import { buildAws } from './app';

buildAws(process.env.CDK_OUTDIR ?? 'cdk.out').synth();
