// Values of names defined in other modules, read from their source: `nx.binomial_graph` is
// `binomial_graph = gnp_random_graph` three star imports away, so pytest's id is `gnp_random_graph`.
// Followed: defs, classes, aliases (`a = b`), literal values, `from x import a as b` and
// `from x import *` chains (with `__all__`), and names bound only inside `if`/`try` blocks when
// every statement that can bind them agrees. A name bound in a way we cannot follow (branches that
// disagree, `globals()` alone, an unreadable star import) stays unresolved, never guessed.

import type { ModuleInfo, ModuleLoader } from './moduleClasses';
import type { PyValue } from './pyValues';
import type { ExternalNames, ModuleSpec } from './scope';
import { bindingSitesOf } from './boundNames';
import { dictValue, materialize } from './sequences';
import { capturingDependencies, isRecordingDependencies, noteDependency } from './fileDependencies';
import { cachedFacts, indentedBindable, mayBindIndented, simpleBinding, SourceFacts } from './sourceFacts';

/** Not bound in the module (keep looking) vs bound in a way we cannot follow (stop). */
type Lookup = PyValue | 'unbound' | 'unknown';

/**
 * What a module and the modules it star-imports, transitively, could bind (a superset), how deep
 * its star imports go, and the files that tells from. `open`: anything may be bound there (a
 * module `__getattr__`, `globals()` writes, a star import not found, a star-import cycle).
 */
type Reach = { names: Set<string>; depth: number; files?: string[] } | 'open';

const MAX_HOPS = 12;

/** Resolves names in the modules `fromFile` imports; shares the loader's parsed modules. */
export class ModuleNames {
  private readonly sources = new Map<string, SourceFacts | null>();
  /** Per `file\0name`: the answer, and the files it was read from (replayed for each module that asks). */
  private readonly results = new Map<string, { lookup: Lookup; files?: string[] }>();

  private readonly reaches = new Map<string, Reach | 'computing'>();

  constructor(private readonly loader: ModuleLoader) {}

  /** The resolver a module's scope uses for its imports. */
  for(fromFile: string): ExternalNames {
    return {
      attribute: (module, name) => this.resolve(fromFile, { level: 0, dotted: module }, name),
      imported: (spec, name) => this.resolve(fromFile, spec, name),
      definition: (home, name) => {
        const module = this.loader.load(home);
        const binding = module?.scope.lookup(name, Number.MAX_SAFE_INTEGER);
        if (!module || binding?.kind !== 'function' || binding.decorated || !binding.node) return undefined;
        module.scope.external ??= this.for(module.file);
        return { node: binding.node, scope: module.scope };
      },
    };
  }

  private resolve(fromFile: string, spec: ModuleSpec, name: string): PyValue | undefined {
    const file = this.loader.locate(fromFile, spec.level, spec.dotted);
    const found = file ? this.lookup(file, name, new Set(), 0) : 'unknown';
    return typeof found === 'string' || found.kind === 'unknown' ? undefined : found;
  }

  private lookup(file: string, name: string, visiting: Set<string>, hops: number): Lookup {
    const key = `${file}\0${name}`;
    const cached = this.results.get(key);
    if (cached !== undefined && (cached.files !== undefined || !isRecordingDependencies())) {
      cached.files?.forEach(noteDependency);
      return cached.lookup;
    }
    if (visiting.has(key) || hops > MAX_HOPS) return 'unknown';
    visiting.add(key);
    const { value, files } = capturingDependencies(() => this.lookupUncached(file, name, visiting, hops));
    visiting.delete(key);
    this.results.set(key, { lookup: value, files });
    return value;
  }

  private lookupUncached(file: string, name: string, visiting: Set<string>, hops: number): Lookup {
    const facts = this.facts(file);
    if (!facts) return 'unknown';
    let candidate: PyValue | undefined;
    // Most modules of a star-import chain cannot bind the name: no need to parse them. Names
    // bound inside top-level blocks (`try: from ._c import f`) need the parse to be seen.
    const maybeConditional = facts.topLevelBlocks && mayBindIndented(facts, name);
    if (facts.bindable.has(name) || maybeConditional) {
      const simple = maybeConditional ? undefined : simpleBinding(facts, name);
      if (simple && 'alias' in simple) {
        const target = this.lookup(file, simple.alias, visiting, hops + 1);
        return target === 'unbound' ? 'unknown' : target;
      }
      if (simple && 'imported' in simple) {
        const from = this.loader.locate(file, simple.imported.from.level, simple.imported.from.dotted);
        const target = from ? this.lookup(from, simple.imported.name, visiting, hops + 1) : 'unknown';
        return target === 'unbound' ? 'unknown' : target;
      }
      if (simple) return homed(simple.value, file);
      const module = this.loader.load(file);
      if (!module) return 'unknown';
      if (module.conditionalNames.has(name)) {
        // Bound only inside blocks: see whether every way it can be bound gives the same value.
        if (module.scope.lookup(name, Number.MAX_SAFE_INTEGER)) return 'unknown';
        const value = this.conditionalBinding(module, name, visiting, hops);
        if (value === 'unknown' || value === 'unbound') return 'unknown';
        candidate = value;
      } else {
        const own = this.ownBinding(module, name, visiting, hops);
        if (own !== 'unbound') return own;
      }
    }
    // `globals()[k] = v` may bind any name; a binding written out in the module is taken over it,
    // as for names bound at top level.
    if (facts.dynamicGlobals) return candidate ?? 'unknown';
    // `from m import *` copies what `m.__all__` lists, else its public names; the last one wins.
    for (let i = facts.stars.length - 1; i >= 0; i--) {
      const spec = facts.stars[i];
      const starFile = this.loader.locate(file, spec.level, spec.dotted);
      if (!starFile) return 'unknown';
      if (this.cannotBind(starFile, name, hops + 1)) continue; // what the lookup below would find: unbound
      const found = this.lookup(starFile, name, visiting, hops + 1);
      if (found === 'unbound') continue;
      const exported = this.exported(starFile, name);
      if (exported === 'no') continue;
      if (found === 'unknown' || candidate) return 'unknown';
      if (exported === 'yes') return found;
      // A computed `__all__` may not list it: the star is the only way found to bind it, unless an
      // earlier star or the module's `__getattr__` could bind it too.
      candidate = found;
    }
    // A name the importer reads must be bound somewhere: the one binding found is it. A module
    // `__getattr__` answers for the names found nowhere else.
    if (candidate) return candidate;
    return facts.moduleGetattr ? 'unknown' : 'unbound';
  }

  /**
   * Whether a lookup of `name` in `file` at `hops` must find it unbound: no module of its star
   * closure can bind it, and the chain is short enough that no hop limit is reached on the way.
   * A package `__init__.py` star-importing a hundred submodules is then one set lookup per name,
   * not a walk through all of them.
   */
  private cannotBind(file: string, name: string, hops: number): boolean {
    const reach = this.reach(file);
    return reach !== 'open' && hops + reach.depth <= MAX_HOPS && !reach.names.has(name);
  }

  private reach(file: string): Reach {
    const known = this.reaches.get(file);
    if (known === 'computing') return 'open'; // a star-import cycle
    if (known !== undefined && (known === 'open' || known.files !== undefined || !isRecordingDependencies())) {
      if (known !== 'open') known.files?.forEach(noteDependency);
      return known;
    }
    this.reaches.set(file, 'computing');
    const { value, files } = capturingDependencies(() => this.reachUncached(file));
    const reach: Reach = value === 'open' ? 'open' : { ...value, files };
    this.reaches.set(file, reach);
    return reach;
  }

  private reachUncached(file: string): Reach {
    const facts = this.facts(file);
    if (!facts || facts.dynamicGlobals || facts.moduleGetattr) return 'open';
    const names = new Set(facts.bindable);
    if (facts.topLevelBlocks) indentedBindable(facts).forEach((name) => names.add(name));
    let depth = 0;
    for (const spec of facts.stars) {
      const starFile = this.loader.locate(file, spec.level, spec.dotted);
      const star = starFile ? this.reach(starFile) : 'open';
      if (star === 'open') return 'open';
      star.names.forEach((name) => names.add(name));
      depth = Math.max(depth, star.depth + 1);
    }
    return { names, depth };
  }

  /**
   * A name bound only inside top-level blocks (`if SETUP: … else: from ._core import typecodes`,
   * `try: from ._c import f except ImportError: from ._py import f`): the value when every binding
   * statement gives the same one, else unknown.
   */
  private conditionalBinding(module: ModuleInfo, name: string, visiting: Set<string>, hops: number): Lookup {
    let value: PyValue | undefined;
    for (const site of module.blocks.flatMap((block) => bindingSitesOf(block, name))) {
      let found: Lookup = 'unknown';
      if (site.kind === 'import') {
        const from = this.loader.locate(module.file, site.from.level, site.from.dotted);
        found = from ? this.lookup(from, site.importedName, visiting, hops + 1) : 'unknown';
      } else if (site.kind === 'definition') found = site.decorated ? { kind: 'named', name, guess: true } : { kind: 'named', name };
      else if (site.kind === 'assignment') {
        module.scope.external ??= this.for(module.file);
        found = materialize(site.value, module.scope, 0);
      }
      if (typeof found === 'string' || found.kind === 'unknown') return 'unknown';
      if (value && !sameValue(value, found)) return 'unknown';
      // Two functions of one name (`_fast.speed`, `_slow.speed`): the same id, but which runs is unknown.
      value = value?.kind === 'named' && found.kind === 'named' && value.home !== found.home ? { kind: 'named', name: found.name } : found;
    }
    return value ?? 'unknown';
  }

  /** The module's own top-level binding of `name`, followed to its value. */
  private ownBinding(module: ModuleInfo, name: string, visiting: Set<string>, hops: number): Lookup {
    const binding = module.scope.lookup(name, Number.MAX_SAFE_INTEGER);
    if (!binding) return 'unbound';
    switch (binding.kind) {
      case 'function':
      case 'class':
        // A decorator may return another object; its `__name__` is then only likely.
        if (binding.decorated) return { kind: 'named', name, guess: true };
        return binding.kind === 'function' ? { kind: 'named', name, home: module.file } : { kind: 'named', name };
      case 'import': {
        if (!binding.from) return 'unknown';
        const file = this.loader.locate(module.file, binding.from.level, binding.from.dotted);
        const target = file ? this.lookup(file, binding.importedName, visiting, hops + 1) : 'unknown';
        return target === 'unbound' ? 'unknown' : target;
      }
      case 'value': {
        const node = binding.node;
        if ('type' in node && node.type === 'identifier') {
          const target = this.lookup(module.file, node.text, visiting, hops + 1);
          return target === 'unbound' ? 'unknown' : target;
        }
        // A value an `if` block of its module may change is not followed.
        if (binding.guess) return 'unknown';
        module.scope.external ??= this.for(module.file);
        // Items are computed there: syntax of that module is meaningless in the importer's scope.
        const value = 'type' in node && node.type === 'dictionary' ? dictValue(node, module.scope, 0) : materialize(node, module.scope, 0);
        return value.kind === 'unknown' ? 'unknown' : value;
      }
      default:
        return 'unknown';
    }
  }

  /**
   * The module that binds `name` for `file` (through plain imports and star imports read in the
   * text), to parse instead of every module on the way; undefined when only a parse can tell.
   */
  classHome(file: string, name: string): string | undefined {
    const home = this.classHomeIn(file, name, 0);
    return home === 'absent' || home === 'complex' ? undefined : home;
  }

  private classHomeIn(file: string, name: string, hops: number): string | 'absent' | 'complex' {
    const facts = this.facts(file);
    // The name is bound here in a way the text does not settle: this is the module to parse.
    if (!facts || hops > MAX_HOPS || facts.topLevelBlocks || facts.dynamicGlobals) return hops > 0 && facts ? file : 'complex';
    const imports = facts.importedFrom.get(name);
    if (facts.definedAt.has(name)) return file;
    if (imports) {
      const [imported] = imports;
      if (imports.length !== 1 || imported === 'module') return file;
      const from = this.loader.locate(file, imported.from.level, imported.from.dotted);
      const home = from ? this.classHomeIn(from, imported.name, hops + 1) : 'complex';
      return home === 'absent' || home === 'complex' ? file : home;
    }
    if (facts.bindable.has(name)) return file;
    for (let i = facts.stars.length - 1; i >= 0; i--) {
      const starFile = this.loader.locate(file, facts.stars[i].level, facts.stars[i].dotted);
      if (!starFile) return 'complex';
      const home = this.classHomeIn(starFile, name, hops + 1);
      if (home === 'absent') continue;
      const exported = this.exported(starFile, name);
      if (exported === 'no') continue;
      return exported === 'yes' && home !== 'complex' ? home : 'complex';
    }
    return 'absent';
  }

  /** Whether `from <file> import *` brings `name`: listed in `__all__`, else public; `maybe` for a computed `__all__`. */
  private exported(file: string, name: string): 'yes' | 'no' | 'maybe' {
    const facts = this.facts(file);
    if (!facts?.hasAll) return name.startsWith('_') ? 'no' : 'yes';
    if (!facts.exports) return 'maybe';
    if (facts.exports.has(name)) return 'yes';
    return facts.exportsComplete ? 'no' : 'maybe';
  }

  private facts(file: string): SourceFacts | undefined {
    noteDependency(file); // memoized here, still read for the module asking now
    let facts = this.sources.get(file);
    if (facts === undefined) {
      facts = cachedFacts(file) ?? null;
      this.sources.set(file, facts);
    }
    return facts ?? undefined;
  }
}

/** A plain function defined in `file` can be called (see ExternalNames.definition); a decorated one may be another object. */
function homed(value: PyValue, file: string): PyValue {
  return value.kind === 'named' && !value.guess ? { ...value, home: file } : value;
}

/** Whether two computed values are the same to pytest's ids (same kinds, names and items; not where they are defined). */
function sameValue(a: PyValue, b: PyValue): boolean {
  const text = (value: PyValue): string => JSON.stringify(value, (key, v: unknown) => (key === 'home' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
  try {
    return text(a) === text(b);
  } catch {
    return false; // syntax left inside (circular): not comparable
  }
}
