import type { Node as SyntaxNode } from 'web-tree-sitter';

/**
 * The literal text a string starts with, up to its first interpolation: `https://api.x.io/` for
 * `f"https://api.x.io/{path}"`. Undefined for anything that is not a string literal.
 */
export function literalPrefix(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') return literalPrefix(node.namedChild(0));
  if (node.type !== 'string') return undefined;
  const start = node.namedChildren.find((c) => c?.type === 'string_start')?.text.toLowerCase() ?? '';
  if (start.includes('b')) return undefined;
  let out = '';
  for (const child of node.namedChildren) {
    if (child?.type === 'interpolation') break;
    if (child?.type === 'string_content') out += child.text;
  }
  return out;
}

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/:?#]*)/i;

/** The host of an absolute URL (`api.x.io`, `[::1]`); undefined for relative or unparsable ones. */
export function urlHost(url: string): string | undefined {
  return URL_HOST.exec(url.trim())?.[1];
}

/** Whether a URL is absolute (has a scheme and `//`). */
export function isAbsoluteUrl(url: string): boolean {
  return URL_HOST.test(url.trim());
}

/**
 * Hosts that never leave the machine: loopback names and addresses, the unspecified address, and
 * the names test clients use for in-process apps (`testserver`, `http://test`, `*.test`).
 */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === '' || h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '::' || h === '0.0.0.0' || /^127\.\d+\.\d+\.\d+$/.test(h)) return true;
  return h === 'testserver' || h === 'test' || h.endsWith('.test');
}
