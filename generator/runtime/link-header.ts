/**
 * The `Link` header field (RFC 8288 §3): comma-separated links, each `<target>` followed by `;`-separated
 * parameters whose values are tokens or quoted strings. Commas may appear inside `<…>` and quoted strings;
 * parameter names are case-insensitive, and so are the relation types of `rel` (a space-separated list).
 */

export interface ParsedLink {
  /** The target as written (a URI reference, to be resolved against the response's URL). */
  target: string;
  /** The relation types, lowercased (`rel="next last"` → `['next', 'last']`). */
  rel: string[];
  /** Every parameter by lowercased name, the first occurrence of each; a parameter without a value is `''`. */
  params: Record<string, string>;
}

const SPACE = /[ \t]/;
const TOKEN_END = /[\s;,="]/;

/** The links of a `Link` header value (several header fields joined with `, ` read as one); malformed links are skipped. */
export function parseLinkHeader(value: string): ParsedLink[] {
  const links: ParsedLink[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < value.length && SPACE.test(value[i]!)) i++;
  };
  const token = () => {
    const start = i;
    while (i < value.length && !TOKEN_END.test(value[i]!)) i++;
    return value.slice(start, i);
  };
  const quoted = () => {
    let out = '';
    for (i++; i < value.length && value[i] !== '"'; i++) {
      if (value[i] === '\\' && i + 1 < value.length) i++;
      out += value[i];
    }
    i++;
    return out;
  };
  /** Skips to the comma that ends this link (outside quoted strings and `<…>`). */
  const skipLink = () => {
    while (i < value.length && value[i] !== ',') {
      if (value[i] === '"') quoted();
      else if (value[i] === '<')
        i = value.includes('>', i) ? value.indexOf('>', i) + 1 : value.length;
      else i++;
    }
  };
  while (i < value.length) {
    while (i < value.length && (SPACE.test(value[i]!) || value[i] === ',')) i++;
    if (i >= value.length) break;
    const close = value[i] === '<' ? value.indexOf('>', i) : -1;
    if (close === -1) {
      skipLink();
      continue;
    }
    const target = value.slice(i + 1, close).trim();
    i = close + 1;
    const params: Record<string, string> = {};
    let valid = true;
    for (;;) {
      skipSpace();
      if (i >= value.length || value[i] === ',') break;
      if (value[i] !== ';') {
        valid = false;
        skipLink();
        break;
      }
      i++;
      skipSpace();
      const name = token().toLowerCase();
      skipSpace();
      let param = '';
      if (value[i] === '=') {
        i++;
        skipSpace();
        param = value[i] === '"' ? quoted() : token();
      }
      if (name !== '' && !Object.hasOwn(params, name)) params[name] = param;
    }
    if (!valid) continue;
    const rel = (params['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    links.push({ target, rel, params });
  }
  return links;
}
