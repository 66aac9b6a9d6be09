// Entry point for `npx cdktf synth` (see cdktf.json): the cdktf CLI sets CDKTF_OUTDIR.
import { buildInCountry } from './in-country';

buildInCountry(process.env.CDKTF_OUTDIR ?? 'cdktf.out').synth();
