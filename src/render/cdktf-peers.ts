/**
 * The CDKTF packages are optional peer dependencies: a CLI-only install has none of them. Commands that need them
 * check first (without loading them) and stop with the install command, before anything is written.
 */
import { Errors } from '../errors';

/** What the CDKTF renderer imports, as module ids to resolve. */
export const CDKTF_PEERS: ReadonlyArray<{ readonly name: string; readonly probe: string }> = [
  { name: 'cdktf', probe: 'cdktf' },
  { name: 'constructs', probe: 'constructs' },
  { name: '@cdktf/provider-aws', probe: '@cdktf/provider-aws/lib/provider' },
];

/** Installs versions inside the `peerDependencies` ranges of package.json (a test keeps the two in step). */
export const CDKTF_INSTALL_COMMAND = 'npm install cdktf@0.21 constructs@10 @cdktf/provider-aws@21';

type Resolve = (id: string) => string;

/** The peers that cannot be resolved from this package. */
export function missingCdktfPeers(resolve: Resolve = require.resolve): string[] {
  return CDKTF_PEERS.filter(({ probe }) => {
    try {
      resolve(probe);
      return false;
    } catch {
      return true;
    }
  }).map((p) => p.name);
}

/** Throws a usage error (exit 2) naming the install command when a peer is missing. `what`: e.g. "synth". */
export function assertCdktfInstalled(what: string, resolve: Resolve = require.resolve): void {
  const missing = missingCdktfPeers(resolve);
  if (missing.length > 0) throw Errors.frameworkMissing(what, missing, CDKTF_INSTALL_COMMAND);
}
