// The part of js-yaml 4 that load-spec.ts uses (the package ships no types).
declare module 'js-yaml' {
  interface Schema {
    readonly __schema: unique symbol;
  }
  interface LoadOptions {
    schema?: Schema;
    json?: boolean;
    filename?: string;
  }
  const jsYaml: {
    load(text: string, options?: LoadOptions): unknown;
    CORE_SCHEMA: Schema;
    JSON_SCHEMA: Schema;
    DEFAULT_SCHEMA: Schema;
  };
  export default jsYaml;
}
