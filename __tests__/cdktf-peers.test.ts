import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as semver from 'semver';
import { UserError } from '../src/errors';
import { assertCdktfInstalled, CDKTF_INSTALL_COMMAND, CDKTF_PEERS, missingCdktfPeers } from '../src/render/cdktf-peers';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};

test('the CDKTF packages are optional, ranged peers and exact devDependencies, never dependencies', () => {
  for (const name of ['cdktf', 'constructs', '@cdktf/provider-aws', 'cdktn', '@cdktn/provider-aws']) {
    expect(pkg.dependencies[name]).toBeUndefined();
    expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
    expect(semver.validRange(pkg.peerDependencies[name])).not.toBeNull();
    expect(semver.valid(pkg.devDependencies[name])).not.toBeNull();
    expect(semver.satisfies(pkg.devDependencies[name], pkg.peerDependencies[name])).toBe(true);
  }
});

test('the install command asks for versions inside the peer ranges, one per probed package', () => {
  const specs = CDKTF_INSTALL_COMMAND.replace(/^npm install /, '').split(' ');
  expect(specs.map((s) => s.slice(0, s.lastIndexOf('@')))).toEqual(CDKTF_PEERS.map((p) => p.name));
  for (const spec of specs) {
    const at = spec.lastIndexOf('@');
    expect(semver.intersects(spec.slice(at + 1), pkg.peerDependencies[spec.slice(0, at)])).toBe(true);
  }
});

test('a missing peer is a usage error (exit 2) with the install command; present peers pass', () => {
  expect(missingCdktfPeers()).toEqual([]);
  expect(() => assertCdktfInstalled('synth')).not.toThrow();
  const withoutProvider = (id: string) => {
    if (id.startsWith('@cdktf/provider-aws')) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    return require.resolve(id);
  };
  expect(missingCdktfPeers(withoutProvider)).toEqual(['@cdktf/provider-aws']);
  let error: unknown;
  try {
    assertCdktfInstalled('synth', withoutProvider);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).exitCode).toBe(2);
  expect((error as UserError).message).toContain('missing: @cdktf/provider-aws');
  expect((error as UserError).message).toContain(`\n  ${CDKTF_INSTALL_COMMAND}`);
});
