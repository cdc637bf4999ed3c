import { isSemver, nextVersion } from './semver.js';

test('next version by bump, plain semver', () => {
  expect(nextVersion('1.2.3', 'major')).toBe('2.0.0');
  expect(nextVersion('1.2.3', 'minor')).toBe('1.3.0');
  expect(nextVersion('1.2.3', 'patch')).toBe('1.2.4');
  expect(nextVersion('1.2.3', 'none')).toBe('1.2.3');
  expect(nextVersion('0.4.1', 'major')).toBe('1.0.0');
  expect(nextVersion('0.4.1', 'minor')).toBe('0.5.0');
});

test('a pre-release is released by the bump it anticipates; build metadata is dropped', () => {
  expect(nextVersion('2.0.0-rc.1', 'major')).toBe('2.0.0');
  expect(nextVersion('2.1.0-rc.1', 'major')).toBe('3.0.0');
  expect(nextVersion('2.1.0-beta', 'minor')).toBe('2.1.0');
  expect(nextVersion('2.1.3-beta', 'patch')).toBe('2.1.3');
  expect(nextVersion('1.2.3+build.5', 'patch')).toBe('1.2.4');
});

test('what is not semver', () => {
  for (const v of ['1.2', 'v1.2.3', '01.2.3', '1.2.3-', 'x', '']) expect({ v, ok: isSemver(v) }).toEqual({ v, ok: false });
  expect(() => nextVersion('1.2', 'major')).toThrow();
});
