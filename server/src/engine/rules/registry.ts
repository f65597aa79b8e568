import { alwaysTrueAssert } from './assertions/alwaysTrueAssert';
import { mockAssertionTypo } from './assertions/mockAssertionTypo';
import { raisesBlockTooWide } from './assertions/raisesBlockTooWide';
import { asyncFixturePlainDecorator } from './async/asyncFixturePlainDecorator';
import { asyncioMarkerOnSyncTest } from './async/asyncioMarkerOnSyncTest';
import { asyncTestMissingMarker } from './async/asyncTestMissingMarker';
import { blockingCallInAsyncTest } from './async/blockingCallInAsyncTest';
import { customEventLoopFixture } from './async/customEventLoopFixture';
import { unawaitedCoroutine } from './async/unawaitedCoroutine';
import { broadRaises } from './body/broadRaises';
import { conditionalAssertion } from './body/conditionalAssertion';
import { debuggerLeft } from './body/debuggerLeft';
import { hardcodedPath } from './body/hardcodedPath';
import { privateMemberUnderTest } from './body/privateMemberUnderTest';
import { sleepInTest } from './body/sleepInTest';
import { statusCodeOnlyAssertion } from './body/statusCodeOnlyAssertion';
import { testWithoutAssertion } from './body/testWithoutAssertion';
import { generatorTest } from './collection/generatorTest';
import { importFileMismatch } from './collection/importFileMismatch';
import { moduleSkipWithoutAllow } from './collection/moduleSkipWithoutAllow';
import { misspelledMarker } from './markers/misspelledMarker';
import { unregisteredMarker } from './markers/unregisteredMarker';
import { uncollectedTestClass } from './collection/uncollectedTestClass';
import { uncollectedTestFile } from './collection/uncollectedTestFile';
import { fixtureCalledDirectly } from './fixtures/fixtureCalledDirectly';
import { fixtureCycle } from './fixtures/fixtureCycle';
import { fixtureScopeMismatch } from './fixtures/fixtureScopeMismatch';
import { fixtureWithoutTeardown } from './fixtures/fixtureWithoutTeardown';
import { unknownFixture } from './fixtures/unknownFixture';
import { unusedFixture } from './fixtures/unusedFixture';
import { orderDependentTest } from './flakiness/orderDependentTest';
import { realNetworkCall } from './flakiness/realNetworkCall';
import { sharedMutableClassState } from './flakiness/sharedMutableClassState';
import { wallClockAssertion } from './flakiness/wallClockAssertion';
import { testNameFormat } from './naming/testNameFormat';
import { testSignatureTypes } from './naming/testSignatureTypes';
import { parametrizeDuplicateCase } from './parametrize/parametrizeDuplicateCase';
import { parametrizeIdsMismatch } from './parametrize/parametrizeIdsMismatch';
import { parametrizeNamesMismatch } from './parametrize/parametrizeNamesMismatch';
import { parametrizeRowArity } from './parametrize/parametrizeRowArity';
import type { Rule } from './types';
import { pytestInvokedDirectly } from './workflow/pytestInvokedDirectly';

/**
 * Every rule, listed explicitly so bundling and type checking see them all. Keep sorted by code;
 * a meta-test checks codes, names, docs pages, fixtures and settings stay in step.
 */
export const RULES: readonly Rule[] = [
  testNameFormat,
  uncollectedTestFile,
  uncollectedTestClass,
  testSignatureTypes,
  generatorTest,
  importFileMismatch,
  moduleSkipWithoutAllow,
  misspelledMarker,
  unregisteredMarker,
  sleepInTest,
  debuggerLeft,
  testWithoutAssertion,
  conditionalAssertion,
  statusCodeOnlyAssertion,
  privateMemberUnderTest,
  hardcodedPath,
  broadRaises,
  raisesBlockTooWide,
  wallClockAssertion,
  realNetworkCall,
  alwaysTrueAssert,
  mockAssertionTypo,
  sharedMutableClassState,
  orderDependentTest,
  unknownFixture,
  unusedFixture,
  fixtureScopeMismatch,
  fixtureWithoutTeardown,
  fixtureCalledDirectly,
  fixtureCycle,
  parametrizeNamesMismatch,
  parametrizeRowArity,
  parametrizeDuplicateCase,
  parametrizeIdsMismatch,
  asyncTestMissingMarker,
  asyncFixturePlainDecorator,
  blockingCallInAsyncTest,
  asyncioMarkerOnSyncTest,
  unawaitedCoroutine,
  customEventLoopFixture,
  pytestInvokedDirectly,
];

export function ruleByCodeOrName(key: string): Rule | undefined {
  return RULES.find((r) => r.meta.code === key || r.meta.name === key);
}
