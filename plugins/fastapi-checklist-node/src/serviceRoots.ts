import {
  analyzeDockerfile,
  DockerfileFacts,
  isDockerfilePath,
} from './docker/dockerfileFacts';
import { composeBuilds } from './docker/composeServices';
import { launchCommand } from './docker/launchCommand';
import { serviceImage } from './docker/serviceImage';
import { DependencyAnalyzer } from './fastapi/dependencies';
import { FastapiModel } from './fastapi/model';
import { runtimeModules } from './fastapi/runtimeModules';
import type { ServiceContext } from './checks/context';
import type { ParsedFile } from './python/parseFiles';
import { nodesOf, PythonProject, type PythonModule } from './python/project';
import { field, kids } from './python/syntax';
import { directoryOf, isInDirectory } from './tree/relativePaths';
import type { SourceTree } from './tree/sourceTree';

const ROOT_MARKERS =
  /(^|\/)(pyproject\.toml|setup\.py|setup\.cfg|Pipfile|requirements[^/]*\.txt)$/;
const TEST_PATH =
  /(^|\/)(tests?\/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)/;
/** What a test module holds: test functions, pytest, a test client. */
const TEST_CODE = /\bdef test_\w*\(|\bpytest\b|\bTestClient\b|\bunittest\b/;

/**
 * True for a file that marks a Python project's root. A `setup.py` next to an
 * `__init__.py` is a module of that package (an app factory's `setup.py`), not a
 * setuptools script.
 */
function isProjectMarker(path: string, files: Map<string, Buffer>): boolean {
  if (!ROOT_MARKERS.test(path)) return false;
  if (!path.endsWith('setup.py')) return true;
  const dir = directoryOf(path);
  return !files.has(dir ? `${dir}/__init__.py` : '__init__.py');
}

/**
 * True for a marker folder that is itself a package importing its own modules by its
 * name (`backend/requirements.txt` beside `backend/__init__.py`, with `from
 * backend.users import …` for `backend/users/`): it runs from the folder above
 * (`uvicorn backend.main:app`), so it is code of the project there, not a root. The
 * imported submodule must exist in the folder (`from email.mime …` in a plugin package
 * named `email` is the standard library). A cheap text test on the folder's files.
 */
function importsItselfByName(
  root: string,
  files: Map<string, Buffer>,
): boolean {
  if (!root || !files.has(`${root}/__init__.py`)) return false;
  const name = root.slice(root.lastIndexOf('/') + 1);
  if (!/^[A-Za-z_]\w*$/.test(name)) return false;
  const selfImport = new RegExp(
    `^[ \\t]*(?:from|import)[ \\t]+${name}\\.(\\w+)`,
    'gm',
  );
  const isOwn = (sub: string) =>
    files.has(`${root}/${sub}.py`) || files.has(`${root}/${sub}/__init__.py`);
  for (const [path, content] of files) {
    if (!path.endsWith('.py') || !isInDirectory(path, root)) continue;
    for (const match of content.toString('utf8').matchAll(selfImport))
      if (isOwn(match[1])) return true;
  }
  return false;
}

const relativeTo = (path: string, root: string) =>
  root === '' ? path : path.slice(root.length + 1);

function moduleNameFor(relativePath: string): {
  name: string;
  isPackage: boolean;
} {
  const withoutSrc = relativePath.replace(/^src\//, '');
  const parts = withoutSrc.replace(/\.py$/, '').split('/');
  const isPackage = parts[parts.length - 1] === '__init__';
  return {
    name: (isPackage ? parts.slice(0, -1) : parts).join('.'),
    isPackage,
  };
}

/**
 * A top-level folder its own code imports from as a source root: `evnt/main.py` saying
 * `from core.config import …` for `evnt/core/config.py` runs with `evnt/` on sys.path
 * (the image's WORKDIR). Such a folder's modules also answer to their names without it,
 * as Python would find them, unless a module already holds that name.
 */
/** A folder without `__init__.py` holding a package (or folder) of its own name. */
function holdsNamesake(
  project: PythonProject,
  directories: ReadonlySet<string>,
  folder: string,
): boolean {
  const inner = `${folder}.${folder}`;
  return (
    !project.modules.has(folder) &&
    (project.modules.get(inner)?.isPackage === true || directories.has(inner))
  );
}

/** The first names of a module's absolute imports (`import a.b`, `from a.b import c`: `a`). */
function absoluteImportRoots(module: PythonModule): string[] {
  const roots: string[] = [];
  for (const statement of nodesOf(module, 'import_from_statement')) {
    const from = field(statement, 'module_name');
    if (from && from.type !== 'relative_import')
      roots.push(from.text.split('.')[0]);
  }
  for (const statement of nodesOf(module, 'import_statement'))
    for (const item of kids(statement)) {
      const dotted =
        item.type === 'aliased_import' ? field(item, 'name') : item;
      if (dotted?.type === 'dotted_name') roots.push(dotted.text.split('.')[0]);
    }
  return roots;
}

function aliasSourceFolders(
  project: PythonProject,
  modules: PythonModule[],
): void {
  const folderOf = (module: PythonModule) => {
    const dot = module.name.indexOf('.');
    return dot < 0 ? undefined : module.name.slice(0, dot);
  };
  // A folder is a source root when its code imports its own subpackages without the
  // folder's name, and never by it (a package run from above, whose `import logging` is
  // the standard library even beside its own logging.py).
  const unprefixed = new Set<string>();
  const prefixed = new Set<string>();
  // Folders holding modules, with or without `__init__.py` (namespace packages).
  const directories = new Set<string>();
  for (const module of modules) {
    const parts = module.name.split('.');
    for (let end = 1; end < parts.length; end++)
      directories.add(parts.slice(0, end).join('.'));
  }
  for (const module of modules) {
    const folder = folderOf(module);
    // A folder its code imports by name once is never a source root: no need to read more.
    if (!folder || prefixed.has(folder)) continue;
    for (const first of absoluteImportRoots(module)) {
      if (first === folder) {
        // A folder that is no package but holds one of its own name (`app/app/…`, run
        // from `app/`): `import app.api` names the inner package, so the folder is a
        // source root; anything else importing the folder's name is run from above.
        if (!holdsNamesake(project, directories, folder)) prefixed.add(folder);
        else unprefixed.add(folder);
      } else if (
        !project.modules.has(first) &&
        (project.modules.get(`${folder}.${first}`)?.isPackage ||
          directories.has(`${folder}.${first}`) ||
          // A folder without __init__.py is no package: its plain modules importing
          // each other by name (`from config import settings`) run with it on sys.path.
          (!project.modules.has(folder) &&
            project.modules.has(`${folder}.${first}`)))
      )
        unprefixed.add(folder);
    }
  }
  for (const module of modules) {
    const folder = folderOf(module);
    if (!folder || !unprefixed.has(folder) || prefixed.has(folder)) continue;
    const alias = module.name.slice(folder.length + 1);
    if (!project.modules.has(alias)) project.modules.set(alias, module);
  }
}

/**
 * A service folder that is itself a package its modules import by its own name (no
 * project above it; run from the repository root, `from backend.api import notes` in
 * backend/main.py): its modules answer to `backend.…` as well as to their own names.
 */
function aliasSelfImportingRoot(
  project: PythonProject,
  modules: PythonModule[],
  root: string,
  files: Map<string, Buffer>,
): void {
  if (!importsItselfByName(root, files)) return;
  const name = root.slice(root.lastIndexOf('/') + 1);
  for (const module of modules) {
    const alias = module.name ? `${name}.${module.name}` : name;
    if (!project.modules.has(alias)) project.modules.set(alias, module);
  }
}

/**
 * Adds tests from above a service's folder to the service's project, named from
 * where they are (`tests.conftest`), and lets the service's modules answer to their
 * names from there too (`src.main` for `main` of the service folder `src/`).
 */
function lendTests(
  project: PythonProject,
  modules: PythonModule[],
  root: string,
  lender: string,
  files: ParsedFile[],
): PythonModule[] {
  const prefix = relativeTo(root, lender).replace(/\//g, '.');
  for (const module of modules) {
    const alias = module.name ? `${prefix}.${module.name}` : prefix;
    if (!project.modules.has(alias)) project.modules.set(alias, module);
  }
  return files
    .map(file => {
      const { name, isPackage } = moduleNameFor(relativeTo(file.path, lender));
      return project.modules.has(name)
        ? undefined
        : project.addModule(file.path, name, isPackage, file.tree);
    })
    .filter((module): module is PythonModule => module !== undefined);
}

/**
 * Finds the FastAPI services in a repository: directories with Python project markers
 * (pyproject, requirements, setup.py) whose code creates a FastAPI() app. Each Python
 * file belongs to its deepest root.
 */
export function discoverServices(
  tree: SourceTree,
  parsed: ParsedFile[],
): ServiceContext[] {
  const markerRoots = [
    ...new Set(
      [...tree.files.keys()]
        .filter(p => isProjectMarker(p, tree.files))
        .map(directoryOf),
    ),
  ].filter(
    (root, _, roots) =>
      // A package of a project above it (see importsItselfByName) is not a root.
      !(
        roots.some(other => other !== root && isInDirectory(root, other)) &&
        importsItselfByName(root, tree.files)
      ),
  );
  const candidates = markerRoots.length ? markerRoots : [''];
  candidates.sort((a, b) => b.length - a.length);
  const rootOf = (path: string) =>
    candidates.find(root => isInDirectory(path, root));

  const dockerfiles: DockerfileFacts[] = [...tree.files]
    .filter(([path]) => isDockerfilePath(path))
    .map(([path, content]) =>
      analyzeDockerfile(path, content.toString('utf8')),
    );

  // A root holding nothing but tests (tests/ and a test requirements file at the
  // repository root, above the service's folder: `from src.main import app`) has no app
  // of its own: it lends its tests to the services below it.
  const testsOnly = candidates.filter(root => {
    const own = parsed.filter(file => rootOf(file.path) === root);
    return (
      own.length > 0 &&
      own.every(file => TEST_PATH.test(relativeTo(file.path, root)))
    );
  });

  const orphanTests = parsed.filter(
    file => rootOf(file.path) === undefined && TEST_PATH.test(file.path),
  );

  const builds = composeBuilds(tree.files);
  const unread = new Set(tree.skipped.map(skipped => skipped.path));
  const services: ServiceContext[] = [];
  for (const root of candidates) {
    const files = parsed.filter(file => rootOf(file.path) === root);
    if (files.length === 0) continue;
    const project = new PythonProject();
    const modules = files.map(file => {
      const { name, isPackage } = moduleNameFor(relativeTo(file.path, root));
      return project.addModule(file.path, name, isPackage, file.tree);
    });
    // `src/` is a source folder in src layouts but the package itself when imports say
    // `from src.api import …`: answer to both names.
    for (const module of modules) {
      // `src/__init__.py` holding code is the package `src` itself.
      const alias = module.name ? `src.${module.name}` : 'src';
      if (
        relativeTo(module.path, root).startsWith('src/') &&
        !project.modules.has(alias)
      )
        project.modules.set(alias, module);
    }
    aliasSelfImportingRoot(project, modules, root, tree.files);
    aliasSourceFolders(project, modules);
    // Tests above the folder: a tests-only root's, else those outside every root (a
    // repository root marked only by `test-requirements.txt` or `pytest.ini`).
    const lender = testsOnly.find(
      other => other !== root && isInDirectory(root, other),
    );
    const lentFiles =
      lender !== undefined
        ? parsed.filter(file => rootOf(file.path) === lender)
        : orphanTests;
    const lent = root
      ? lendTests(project, modules, root, lender ?? '', lentFiles)
      : [];
    const testModules = [
      ...modules.filter(m => TEST_PATH.test(relativeTo(m.path, root))),
      ...lent,
    ];
    // Routes are left out only of modules that are tests indeed: a `test_results.py`
    // router of a laboratory service is the service's.
    const model = new FastapiModel(
      project,
      new Set(testModules.filter(m => TEST_CODE.test(m.tree.rootNode.text))),
    );
    if (model.apps.length === 0) continue;
    const ownDockerfiles = dockerfiles.filter(d => rootOf(d.path) === root);
    // Without one of its own: an image elsewhere (`deploy/Dockerfile`) built from the
    // repository root that copies the service's folder, else one at the root.
    const copyingDockerfiles = root
      ? dockerfiles.filter(d =>
          d.copies.some(source =>
            isInDirectory(source.replace(/^\.\//, ''), root),
          ),
        )
      : [];
    const image = serviceImage(
      [ownDockerfiles, copyingDockerfiles].find(list => list.length) ??
        dockerfiles.filter(d => !d.path.includes('/')),
      new Set(builds.map(b => b.dockerfile)),
    );
    const appModules = modules.filter(
      m => !TEST_PATH.test(relativeTo(m.path, root)),
    );
    services.push({
      root,
      files: tree.files,
      unread,
      project,
      model,
      dependencies: new DependencyAnalyzer(project),
      dockerfiles: image ? [image] : [],
      launch: image
        ? launchCommand(image, builds, tree.files, root)
        : undefined,
      testModules,
      appModules,
      runtimeModules: runtimeModules(project, model, appModules),
    });
  }
  return services;
}
