import type { Node as SyntaxNode } from 'web-tree-sitter';
import { allTests, effectiveMarkers } from '../../model/buildModel';
import { callArguments, stringValue, walkScope } from '../../model/syntax';
import type { PytestFile, TestFunction } from '../../model/types';
import { rangeOf } from '../../text/positions';
import { conftestTexts } from '../support/conftestChain';
import { ownerClass } from '../support/ownerClass';
import { qualifiedName } from '../support/qualifiedName';
import { snippet } from '../support/snippet';
import type { PythonRule } from '../types';
import { isAbsoluteUrl, isLocalHost, literalPrefix, urlHost } from './networkTargets';

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream']);
const HTTP_MODULES = ['requests', 'httpx'];
const URL_FUNCTIONS = new Set(['urllib.request.urlopen', 'urllib.request.urlretrieve']);
const CLIENT_FACTORIES = new Set(['requests.Session', 'requests.session', 'httpx.Client', 'httpx.AsyncClient']);
const SOCKET_FACTORIES = new Set(['socket.socket']);
/** Libraries whose presence in a file means HTTP is intercepted there. */
const MOCKING_LIBRARIES = ['responses', 'respx', 'requests_mock', 'httpretty', 'vcr', 'aioresponses', 'pytest_httpx', 'betamax', 'pook'];
const MOCK_FIXTURES = new Set([
  'responses', 'respx_mock', 'requests_mock', 'httpx_mock', 'mocker', 'monkeypatch', 'aioresponses', 'mock_aioresponse', 'vcr', 'vcr_cassette',
]);
/** Markers that declare a test deliberately online (or recorded with VCR). */
const ONLINE_MARKERS = new Set([
  'network', 'online', 'internet', 'integration', 'e2e', 'external', 'remote_data', 'requires_network', 'live', 'http', 'vcr', 'default_cassette',
]);
const MOCKING_CALLEE = /(?:^|\.)(?:patch|mock|Mocker|RequestsMock|activate|use_cassette)(?:\.|$)|respx|responses/;

interface Client {
  baseUrl?: string;
  /** `transport=` given: requests go to an in-process app or a mock transport. */
  transport: boolean;
  kind: 'http' | 'socket';
}

/** PP211 — a test calls a real, non-local network address with no mock in sight. */
export const realNetworkCall: PythonRule = {
  meta: {
    code: 'PP211',
    name: 'real-network-call',
    summary: 'A test calls a real network address (`requests.get("https://…")`) with no mock in sight.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
  },
  check({ file, pytestConfig, report }) {
    if (networkGuardedByProject(file.path, pytestConfig)) return;
    if (MOCKING_LIBRARIES.some((m) => file.imports.some((i) => i.module === m || i.module.startsWith(`${m}.`)))) return;
    if (file.fixtures.some((f) => f.autouse && AUTOUSE_GUARD.test(f.body.text))) return; // an autouse fixture patches for every test
    for (const test of allTests(file)) {
      if (hasMockInSight(file, test)) continue;
      const clients = new Map<string, Client>();
      walkScope(test.body, (node) => {
        if (node.type === 'assignment') trackClient(file, node.childForFieldName('left'), node.childForFieldName('right'), clients);
        if (node.type === 'as_pattern') trackClient(file, node.childForFieldName('alias')?.namedChild(0), node.namedChild(0), clients);
        if (node.type !== 'call') return;
        const host = remoteHost(file, node, clients);
        if (!host) return;
        report({
          range: rangeOf(node),
          message:
            `\`${snippet(node)}\` reaches \`${host}\` over the real network: the test depends on that service being up and ` +
            'reachable. Mock it (`responses`, `respx`, `monkeypatch`) or serve it locally.',
        });
      });
    }
  },
};

/** Fixture names that announce a double: `mock_api`, `mocked_responses`, `fake_server`, `httpserver`. */
const MOCK_LIKE_PARAM = /mock|fake|stub|responses|respx|cassette|httpserver|betamax/i;

/** An autouse fixture body that patches or removes something for every test. */
const AUTOUSE_GUARD = /\b(?:patch|setattr|delattr|mock|Mock)/;
/** conftest.py guards: an autouse fixture patching an HTTP/socket library, or pytest-socket. */
const CONFTEST_GUARD =
  /autouse\s*=\s*True[\s\S]*?(?:setattr|delattr|patch(?:\.object)?)\(\s*["']?(?:requests|httpx|urllib|socket|aiohttp)|disable_socket\(|responses\.start\(|respx\.mock/;

/** The project blocks or mocks the network for every test: pytest-socket in addopts, or a guarding conftest.py. */
function networkGuardedByProject(filePath: string, config: Parameters<PythonRule['check']>[0]['pytestConfig']): boolean {
  const addopts = Array.isArray(config.options.addopts) ? config.options.addopts.join(' ') : config.options.addopts ?? '';
  if (/--disable-socket|--block-network/.test(addopts)) return true;
  return conftestTexts(filePath, config).some((text) => CONFTEST_GUARD.test(text));
}

function hasMockInSight(file: PytestFile, test: TestFunction): boolean {
  if (test.params.some((p) => MOCK_FIXTURES.has(p.name) || MOCK_LIKE_PARAM.test(p.name))) return true;
  if (test.markers.some((m) => m.name === 'usefixtures' && MOCK_LIKE_PARAM.test(m.args?.text ?? ''))) return true;
  if (effectiveMarkers(file, test).some((m) => ONLINE_MARKERS.has(m.name))) return true;
  const decorators = [...test.decorators, ...classDecorators(file, test)];
  if (decorators.some((d) => MOCKING_CALLEE.test(d.callee))) return true;
  let mocked = false;
  walkScope(test.body, (node) => {
    if (node.type === 'with_item' && MOCKING_CALLEE.test(callee(file, node.childForFieldName('value')))) mocked = true;
  });
  return mocked;
}

function classDecorators(file: PytestFile, test: TestFunction): { callee: string }[] {
  const cls = ownerClass(file, test);
  if (!cls || cls.outer.type !== 'decorated_definition') return [];
  return cls.outer.namedChildren.filter((c) => c?.type === 'decorator').map((d) => ({ callee: d!.text.replace(/^@\s*/, '').split('(')[0] }));
}

function callee(file: PytestFile, node: SyntaxNode | null): string {
  let value = node;
  if (value?.type === 'as_pattern') value = value.namedChild(0);
  return value?.type === 'call' ? qualifiedName(file, value) ?? '' : '';
}

function trackClient(file: PytestFile, target: SyntaxNode | null | undefined, value: SyntaxNode | null, clients: Map<string, Client>): void {
  if (target?.type !== 'identifier') return;
  const client = value?.type === 'call' ? clientFrom(file, value) : undefined;
  if (client) clients.set(target.text, client);
  else clients.delete(target.text);
}

/** The client a call creates: `requests.Session()`, `httpx.AsyncClient(base_url=...)`, `socket.socket()`. */
function clientFrom(file: PytestFile, call: SyntaxNode): Client | undefined {
  const name = qualifiedName(file, call) ?? '';
  if (SOCKET_FACTORIES.has(name)) return { kind: 'socket', transport: false };
  if (!CLIENT_FACTORIES.has(name)) return undefined;
  const { keywords } = callArguments(call.childForFieldName('arguments'));
  return { kind: 'http', transport: keywords.has('transport') || keywords.has('app'), baseUrl: stringValue(keywords.get('base_url')) };
}

/** The non-local host a call reaches, when its target is a literal. */
function remoteHost(file: PytestFile, call: SyntaxNode, clients: Map<string, Client>): string | undefined {
  const fn = call.childForFieldName('function');
  const { positional, keywords } = callArguments(call.childForFieldName('arguments'));
  const name = qualifiedName(file, call) ?? '';
  const [module, verb, ...rest] = name.split('.');
  if (HTTP_MODULES.includes(module) && HTTP_VERBS.has(verb) && rest.length === 0) return remoteUrlHost(urlArgument(verb, positional, keywords));
  if (URL_FUNCTIONS.has(name)) return remoteUrlHost(positional[0] ?? keywords.get('url'));
  if (name === 'socket.create_connection') return remoteAddressHost(positional[0] ?? keywords.get('address'));
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const receiver = fn.childForFieldName('object');
  const client = receiver?.type === 'identifier' ? clients.get(receiver.text) : receiver?.type === 'call' ? clientFrom(file, receiver) : undefined;
  if (!client || client.transport) return undefined;
  if (client.kind === 'socket') return method === 'connect' ? remoteAddressHost(positional[0]) : undefined;
  if (!HTTP_VERBS.has(method)) return undefined;
  const target = urlArgument(method, positional, keywords);
  const url = literalPrefix(target);
  if (url === undefined) return undefined;
  if (isAbsoluteUrl(url)) return remoteUrlHost(target);
  if (!client.baseUrl) return undefined;
  const host = urlHost(client.baseUrl);
  return host && !isLocalHost(host) ? host : undefined;
}

function urlArgument(verb: string, positional: SyntaxNode[], keywords: Map<string, SyntaxNode>): SyntaxNode | undefined {
  return keywords.get('url') ?? (verb === 'request' || verb === 'stream' ? positional[1] : positional[0]);
}

function remoteUrlHost(node: SyntaxNode | undefined): string | undefined {
  const url = literalPrefix(node);
  const host = url === undefined ? undefined : urlHost(url);
  return host !== undefined && !isLocalHost(host) ? host : undefined;
}

/** `("example.org", 80)` → `example.org` when not local. */
function remoteAddressHost(node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'tuple') return undefined;
  const host = stringValue(node.namedChild(0));
  return host !== undefined && !isLocalHost(host) ? host : undefined;
}
