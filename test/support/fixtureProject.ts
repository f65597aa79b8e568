import type { ProjectServices } from '../../server/src/engine/rules/types';
import { buildFixtureIndex, withFixtureIndex } from '../../server/src/engine/fixtures/project';

const projects = new Map<string, Promise<ProjectServices>>();

/** Project services with a fixture index scanned over `folder` (one per folder per test process). */
export function projectForFolder(folder: string): Promise<ProjectServices> {
  let found = projects.get(folder);
  if (!found) {
    found = buildFixtureIndex([folder]).then((index) => withFixtureIndex({}, index));
    projects.set(folder, found);
  }
  return found;
}
