// Entry point for `npx cdktf synth` (see cdktf.json): the cdktf CLI sets CDKTF_OUTDIR.
import { build } from './app';

build({ awsOutdir: 'cdk.out', kubernetesOutdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' }).kubernetes!.synth();
