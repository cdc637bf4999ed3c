// The part of swagger2openapi (7.x, CommonJS, no bundled types) that load/swagger2.ts uses.
declare module 'swagger2openapi' {
  interface ConvertOptions {
    /** Fix small errors in the source instead of failing. */
    patch?: boolean;
    /** Record problems that cannot be patched as `x-s2o-warning` properties instead of failing. */
    warnOnly?: boolean;
    /** Resolve the result as the promise's value (else the options object). */
    direct?: boolean;
    /** Resolve external `$ref`s (fetches files and URLs). Never set by sdkforge: the input is already bundled. */
    resolve?: boolean;
    /** The source text; when absent the converter stringifies the input to YAML just to keep it. */
    text?: string;
    /** Set by the converter: how many defects it patched. */
    patches?: number;
    [option: string]: unknown;
  }
  const swagger2openapi: {
    convertObj(swagger: object, options: ConvertOptions): Promise<Record<string, unknown>>;
  };
  export = swagger2openapi;
}
