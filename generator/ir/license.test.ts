import { spdxLicense } from './license.js';

test.each([
  [{ name: 'MIT', identifier: 'MIT' }, 'MIT'],
  [{ name: 'Apache License', identifier: 'Apache-2.0' }, 'Apache-2.0'],
  [{ name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }, 'Apache-2.0'],
  [{ name: 'MIT OR Apache-2.0' }, 'MIT OR Apache-2.0'],
  [{ name: 'Apache 2.0' }, undefined],
  [{ name: 'MIT License' }, undefined],
  [{ identifier: 'Not-A-Licence' }, undefined],
  [undefined, undefined],
])('info.license %j → %j', (license, expected) => {
  expect(spdxLicense(license)).toBe(expected);
});
