import { SovereignLzError } from '../core';

// Loaded first by the index: cdktf and @cdktf/provider-kubernetes are optional peers of
// sovereign-lz, so a user without them is told what to install, not "Cannot find module".
for (const peer of ['cdktf', '@cdktf/provider-kubernetes/lib/provider']) {
  try {
    require.resolve(peer);
  } catch {
    throw new SovereignLzError(
      'PEER_MISSING',
      'sovereign-lz/kubernetes needs its optional peer dependencies: npm install cdktf@^0.21.0 @cdktf/provider-kubernetes@^12.1.1',
    );
  }
}
