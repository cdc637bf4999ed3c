/**
 * The TypeScript version `sdkforge build` compiles generated packages with (the one ts-morph bundles), which their
 * `package.json` names as the devDependency their own build uses. A constant, so that generating does not load the
 * compiler to read it; `typescript-version.test.ts` fails when a ts-morph upgrade changes it.
 */
export const TYPESCRIPT_VERSION = '5.9.2';
