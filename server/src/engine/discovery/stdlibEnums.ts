// Members of the standard library's IntEnums that tests parametrize over, with their values:
// pytest ids an int (IntEnum included) by `str(value)`, which for an IntEnum is the number from
// Python 3.11 on (`HTTPStatus.OK` → `200`) and `HTTPStatus.OK` before. Static discovery does not
// know the Python a crate runs, so the id is the likely one, flagged as a guess.

import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { PyValue } from './pyValues';
import type { Scope } from './scope';
import { qualifiedName } from './stdlibObjects';

function table(members: string): Map<string, bigint> {
  return new Map(members.split(' ').map((pair) => pair.split('=')).map(([name, value]) => [name, BigInt(value)]));
}

const ENUMS: Record<string, Map<string, bigint>> = {
  // CPython 3.11's members, and the names 3.13 added for the same codes.
  'http.HTTPStatus': table(
    'CONTINUE=100 SWITCHING_PROTOCOLS=101 PROCESSING=102 EARLY_HINTS=103 OK=200 CREATED=201 ACCEPTED=202 ' +
      'NON_AUTHORITATIVE_INFORMATION=203 NO_CONTENT=204 RESET_CONTENT=205 PARTIAL_CONTENT=206 MULTI_STATUS=207 ' +
      'ALREADY_REPORTED=208 IM_USED=226 MULTIPLE_CHOICES=300 MOVED_PERMANENTLY=301 FOUND=302 SEE_OTHER=303 ' +
      'NOT_MODIFIED=304 USE_PROXY=305 TEMPORARY_REDIRECT=307 PERMANENT_REDIRECT=308 BAD_REQUEST=400 UNAUTHORIZED=401 ' +
      'PAYMENT_REQUIRED=402 FORBIDDEN=403 NOT_FOUND=404 METHOD_NOT_ALLOWED=405 NOT_ACCEPTABLE=406 ' +
      'PROXY_AUTHENTICATION_REQUIRED=407 REQUEST_TIMEOUT=408 CONFLICT=409 GONE=410 LENGTH_REQUIRED=411 ' +
      'PRECONDITION_FAILED=412 REQUEST_ENTITY_TOO_LARGE=413 CONTENT_TOO_LARGE=413 REQUEST_URI_TOO_LONG=414 URI_TOO_LONG=414 ' +
      'UNSUPPORTED_MEDIA_TYPE=415 REQUESTED_RANGE_NOT_SATISFIABLE=416 RANGE_NOT_SATISFIABLE=416 EXPECTATION_FAILED=417 ' +
      'IM_A_TEAPOT=418 MISDIRECTED_REQUEST=421 UNPROCESSABLE_ENTITY=422 UNPROCESSABLE_CONTENT=422 LOCKED=423 ' +
      'FAILED_DEPENDENCY=424 TOO_EARLY=425 UPGRADE_REQUIRED=426 PRECONDITION_REQUIRED=428 TOO_MANY_REQUESTS=429 ' +
      'REQUEST_HEADER_FIELDS_TOO_LARGE=431 UNAVAILABLE_FOR_LEGAL_REASONS=451 INTERNAL_SERVER_ERROR=500 ' +
      'NOT_IMPLEMENTED=501 BAD_GATEWAY=502 SERVICE_UNAVAILABLE=503 GATEWAY_TIMEOUT=504 HTTP_VERSION_NOT_SUPPORTED=505 ' +
      'VARIANT_ALSO_NEGOTIATES=506 INSUFFICIENT_STORAGE=507 LOOP_DETECTED=508 NOT_EXTENDED=510 NETWORK_AUTHENTICATION_REQUIRED=511',
  ),
};

/** `HTTPStatus.OK` (imported from `http`, or `http.HTTPStatus.OK`): the member, or undefined. */
export function stdlibEnumMember(node: SyntaxNode, scope: Scope): PyValue | undefined {
  const qualified = qualifiedName(node, scope);
  const dot = qualified?.lastIndexOf('.') ?? -1;
  const members = dot > 0 ? ENUMS[qualified!.slice(0, dot)] : undefined;
  const value = members?.get(qualified!.slice(dot + 1));
  if (value === undefined) return undefined;
  const member = qualified!.slice(dot + 1);
  return { kind: 'enum', text: value.toString(), name: member, guess: true, value: () => ({ kind: 'int', value }) };
}
