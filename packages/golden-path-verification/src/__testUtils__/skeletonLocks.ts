import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { allVariants, Variant } from '../variants/matrix';
import { TEMPLATE_DIR } from './templateDirectory';
import { RenderedFile } from './renderInMemory';

/**
 * The skeleton's hashed lock files. The backend never runs anything at render time, so
 * the locks are data in the skeleton: one directory per distinct dependency set,
 * `skeleton/locks/<database>-<auth>/`, which skeleton/manifest.yaml renames into the
 * repository root for the variants it belongs to. `scripts/lock-skeleton.sh` writes
 * them; `src/locks/skeletonLocks.test.ts` proves they still match what the skeleton declares.
 */

/** The runtime lock (what the Dockerfile installs) and the development lock. */
export const LOCK_FILES = ['requirements.txt', 'requirements-dev.txt'] as const;

/** The lowest Python the form offers: the universal resolution starts there. */
export const LOCK_PYTHON = '3.11';

/**
 * The commands that write the locks, run in the generated repository (the lock's own
 * header repeats them, so a service's developers relock the same way).
 */
export const LOCK_COMMANDS: Record<(typeof LOCK_FILES)[number], string[]> = {
  'requirements.txt': [
    'uv',
    'pip',
    'compile',
    'pyproject.toml',
    '--universal',
    '--python-version',
    LOCK_PYTHON,
    '--generate-hashes',
    '--no-annotate',
    '--output-file',
    'requirements.txt',
  ],
  // The development tools, constrained to the runtime lock's versions so that both
  // install together (`pip install --require-hashes -r requirements.txt -r requirements-dev.txt`).
  'requirements-dev.txt': [
    'uv',
    'pip',
    'compile',
    '--group',
    'pyproject.toml:dev',
    '--constraint',
    'requirements.txt',
    '--universal',
    '--python-version',
    LOCK_PYTHON,
    '--generate-hashes',
    '--no-annotate',
    '--output-file',
    'requirements-dev.txt',
  ],
};

/** Where the relock script records what each lock was generated from. */
export const LOCK_INPUTS_FILE = path.join(TEMPLATE_DIR, 'skeleton-locks.json');

/** The skeleton directory holding one variant's locks. */
export function lockSetOf(variant: Pick<Variant, 'database' | 'auth'>) {
  return `${variant.database}-${variant.auth}`;
}

/** PEP 503 normalized project name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export type DeclaredRequirement = {
  /** As written, e.g. `fastapi[standard]==0.165.0`. */
  text: string;
  name: string;
  version: string;
};

const PINNED =
  /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*==\s*([^\s;,]+)\s*(;.*)?$/;

/** A declared requirement; the skeleton pins every direct dependency exactly. */
export function parseDeclared(text: string): DeclaredRequirement {
  const match = PINNED.exec(text.trim());
  if (!match)
    throw new Error(
      `"${text}" is not pinned exactly (name==version): the skeleton pins its direct dependencies, the locks pin the rest`,
    );
  return {
    text: text.trim(),
    name: normalizeName(match[1]),
    version: match[3],
  };
}

export type DeclaredDependencies = {
  /** `[project] dependencies`. */
  runtime: string[];
  /** `[dependency-groups] dev`. */
  dev: string[];
};

/** The dependencies a rendered pyproject.toml declares. */
export function declaredDependencies(pyproject: string): DeclaredDependencies {
  const data = parseToml(pyproject) as {
    project?: { dependencies?: string[] };
    'dependency-groups'?: { dev?: string[] };
  };
  return {
    runtime: data.project?.dependencies ?? [],
    dev: data['dependency-groups']?.dev ?? [],
  };
}

/** What a lock set's files are generated from, as a digest (order-insensitive). */
export function inputsDigest(declared: DeclaredDependencies): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        runtime: [...declared.runtime].sort(),
        dev: [...declared.dev].sort(),
        python: LOCK_PYTHON,
        commands: LOCK_COMMANDS,
      }),
    )
    .digest('hex');
}

export type LockedPackage = {
  name: string;
  version: string;
  /** The environment marker, when the package is needed only somewhere. */
  marker?: string;
  hashes: string[];
};

/** The packages of a `uv pip compile --generate-hashes` (or pip-compile) output. */
export function parseLock(text: string): LockedPackage[] {
  const entries = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map(line => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
  return entries.map(entry => {
    const hashes = [...entry.matchAll(/--hash[= ](\S+)/g)].map(m => m[1]);
    const requirement = entry.replace(/--hash[= ]\S+/g, '').trim();
    const match =
      /^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(?:;\s*(.+))?$/.exec(
        requirement,
      );
    if (!match) throw new Error(`Not a pinned lock entry: ${entry}`);
    return {
      name: normalizeName(match[1]),
      version: match[2],
      marker: match[3]?.trim(),
      hashes,
    };
  });
}

export type LockSet = {
  /** `<database>-<auth>`, the directory under skeleton/locks/. */
  id: string;
  variants: string[];
  declared: DeclaredDependencies;
  /** One variant's rendered pyproject.toml, to compile from. */
  pyproject: string;
};

/**
 * Every lock set with what its variants declare, from all 24 variants rendered in
 * memory. Fails when two variants of one set declare different dependencies: the
 * skeleton then needs a lock set per new dimension (and manifest entries for it).
 */
export function lockSets(
  render: (input: Record<string, unknown>) => RenderedFile[],
): LockSet[] {
  const sets = new Map<string, LockSet>();
  for (const variant of allVariants()) {
    const pyproject = render(variant.input)
      .find(f => f.path === 'pyproject.toml')
      ?.content.toString('utf8');
    if (pyproject === undefined)
      throw new Error(`${variant.id}: the skeleton renders no pyproject.toml`);
    const declared = declaredDependencies(pyproject);
    const id = lockSetOf(variant);
    const set = sets.get(id);
    if (!set) {
      sets.set(id, { id, variants: [variant.id], declared, pyproject });
    } else if (inputsDigest(set.declared) !== inputsDigest(declared)) {
      throw new Error(
        `${variant.id} and ${set.variants[0]} share the lock set ${id} but declare different dependencies:\n` +
          `${JSON.stringify(declared)}\n${JSON.stringify(set.declared)}`,
      );
    } else {
      set.variants.push(variant.id);
    }
  }
  return [...sets.values()];
}
