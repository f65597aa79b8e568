// Public API of static discovery (no `vscode` import): the CLI and the Test Explorer use it.

export { StaticDiscovery, collectionErrors, flattenTests } from './discover';
export { discoverAllParallel } from './parallel';
export { TimeSlices, DEFAULT_SLICE_MS } from './timeSlices';
export { DiscoveryCache, discoverCached, discoverCachedInSlices, discoverCachedParallel, discoveryCacheKey, engineBuild, DISCOVERY_CACHE_FORMAT } from './discoveryCache';
export type { DiscoveryOptions } from './discover';
export { discoverSource, nodeIdPath } from './discoverFile';
export type { FileDiscoveryOptions } from './discoverFile';
export { makeUnique, idFromValue, HIDDEN } from './nodeIds';
export type { DiscoveredItem, DiscoveredKind, DiscoveredModule, DiscoveredTest } from './types';
export { isUnsure, needsCollection } from './unsure';
export { CollectedCases, COLLECTED_CASES_VERSION, MAX_REMEMBERED_CASES } from './collectedCases';
export type { CollectedCasesJSON, RememberOptions } from './collectedCases';
export { collectedOnlyModule } from './openScopeTests';
export { importCollisionError, importCollisions } from './importCollisions';
