import { checkPackageVersion, defaultNaming, titleWords } from './naming.js';

test.each([
  ['OpenAI API', 'OpenAI', 'OPENAI', '@sdkforge/openai'],
  ["Netlify's API documentation", 'Netlify', 'NETLIFY', '@sdkforge/netlify'],
  ['Swagger Petstore - OpenAPI 3.0', 'SwaggerPetstore', 'SWAGGER_PETSTORE', '@sdkforge/swagger-petstore'],
  ['Discord HTTP API (Preview)', 'Discord', 'DISCORD', '@sdkforge/discord'],
  ['Spotify Web API with fixes and improvements from sonallux', 'Spotify', 'SPOTIFY', '@sdkforge/spotify'],
  ["GitHub's official OpenAPI spec + Octokit extension", 'GitHub', 'GITHUB', '@sdkforge/github'],
  ['Gotify REST-API.', 'Gotify', 'GOTIFY', '@sdkforge/gotify'],
  ['Supabase Auth REST API', 'SupabaseAuth', 'SUPABASE_AUTH', '@sdkforge/supabase-auth'],
  ['Text Generation Inference', 'TextGenerationInference', 'TEXT_GENERATION_INFERENCE', '@sdkforge/text-generation-inference'],
  ['', 'Api', 'API', '@sdkforge/api'],
])('the title %j gives short, natural names', (title, clientName, envPrefix, packageName) => {
  expect(defaultNaming(title)).toEqual({ clientName, envPrefix, packageName });
});

test('a generic word alone is kept rather than leaving no name', () => {
  expect(titleWords('API')).toEqual(['API']);
});

test('explicit names win; a package version must be semver', () => {
  expect(defaultNaming("Netlify's API documentation", { clientName: 'Acme', packageName: '@acme/netlify' })).toMatchObject({ clientName: 'Acme', packageName: '@acme/netlify' });
  expect(checkPackageVersion('2.4.0-beta.1')).toBe('2.4.0-beta.1');
  expect(() => checkPackageVersion('2.4')).toThrow(/not a semver version/);
});
