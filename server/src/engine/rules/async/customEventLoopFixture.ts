import type { PythonRule } from '../types';

/** PP506 — a user-defined `event_loop` fixture, deprecated in pytest-asyncio 0.23 and removed in 1.0. */
export const customEventLoopFixture: PythonRule = {
  meta: {
    code: 'PP506',
    name: 'custom-event-loop-fixture',
    summary: 'A custom `event_loop` fixture: deprecated by pytest-asyncio and ignored since 1.0; use `loop_scope`.',
    defaultSeverity: 'warning',
    defaultEnabled: true,
    fixable: false,
    options: {},
    tags: ['deprecated'],
  },
  check({ file, report }) {
    for (const fixture of file.fixtures) {
      if (fixture.fixtureName !== 'event_loop') continue;
      report({
        range: fixture.nameRange,
        message:
          'Custom `event_loop` fixture: pytest-asyncio deprecated overriding it (0.23) and no longer uses it (1.0). ' +
          'Choose the loop with `@pytest.mark.asyncio(loop_scope="session")` / `@pytest_asyncio.fixture(loop_scope=...)`, ' +
          'or set `asyncio_default_fixture_loop_scope` in the pytest config.',
      });
    }
  },
};
