import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { repoPath } from '../support/paths';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; altText?: string };
  completionEvents?: string[];
}

const manifest = JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8'));
const walkthroughs: { id: string; steps: Step[] }[] = manifest.contributes?.walkthroughs ?? [];
const ownCommands = new Set<string>((manifest.contributes?.commands ?? []).map((c: { command: string }) => c.command));
const pythonSnippets: Record<string, { prefix: string | string[] }> = JSON.parse(fs.readFileSync(repoPath('snippets/python.json'), 'utf8'));

/** `[label](command:id?args)` links of a step description. */
function commandLinks(description: string): { id: string; args?: unknown[] }[] {
  return [...description.matchAll(/\]\(command:([\w.-]+)(?:\?([^)]*))?\)/g)].map(([, id, query]) => ({
    id,
    args: query ? (JSON.parse(decodeURIComponent(query)) as unknown[]) : undefined,
  }));
}

describe('walkthrough', () => {
  it('is contributed with steps', () => {
    assert.equal(walkthroughs.length, 1);
    assert.ok(walkthroughs[0].steps.length >= 5);
  });

  for (const step of walkthroughs.flatMap((w) => w.steps)) {
    it(`step ${step.id}: its page exists, its buttons name real commands and it can complete`, () => {
      const page = step.media.markdown ?? step.media.image;
      assert.ok(page && fs.existsSync(repoPath(page)), `${step.id}: media ${page} exists`);
      if (step.media.image) assert.ok(step.media.altText, `${step.id}: image has altText`);
      // Step descriptions render links and bold, not inline code.
      assert.doesNotMatch(step.description, /`/, `${step.id}: no backticks in the description`);
      const links = commandLinks(step.description);
      assert.ok(links.length > 0, `${step.id}: offers at least one button`);
      for (const link of links) {
        if (link.id.startsWith('pytestPatterns.')) assert.ok(ownCommands.has(link.id), `${step.id}: ${link.id} is declared in contributes.commands`);
        if (link.id === 'editor.action.insertSnippet') {
          const name = (link.args?.[0] as { name?: string } | undefined)?.name;
          assert.ok(name && pythonSnippets[name], `${step.id}: inserts the existing snippet "${name}"`);
        }
      }
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id}: has a completion event`);
    });
  }

  it('every snippet prefix the "write a test" page mentions exists', () => {
    const page = fs.readFileSync(repoPath('media/walkthrough/write-test.md'), 'utf8');
    const table = page.split('\n').filter((line) => line.startsWith('| `'));
    const mentioned = table.flatMap((line) => [...line.split('|')[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    assert.ok(mentioned.length > 10);
    const prefixes = new Set(Object.values(pythonSnippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix])));
    assert.deepEqual(mentioned.filter((p) => !prefixes.has(p)), []);
  });
});
