import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { DockerfileFacts } from '../docker/dockerfileFacts';
import type { Launch } from '../docker/launchCommand';
import { DependencyAnalyzer } from '../fastapi/dependencies';
import { FastapiModel } from '../fastapi/model';
import type { Node } from '../python/parser';
import type { PythonModule, PythonProject } from '../python/project';
import { lineOf, snippetOf } from '../python/syntax';

/** Everything a check may look at for one service root. */
export type ServiceContext = {
  /** Directory of the service, relative to the repository ('' for the root). */
  root: string;
  /** Every file of the repository (paths relative to the repository). */
  files: Map<string, Buffer>;
  /**
   * Files of the repository that exist but were not read (over the size or count limit),
   * so a check can tell "absent" from "present but unread" (a large uv.lock).
   */
  unread: ReadonlySet<string>;
  project: PythonProject;
  model: FastapiModel;
  dependencies: DependencyAnalyzer;
  /**
   * The image that runs the service (at most one: devcontainer, database, proxy and
   * development images are left out; see docker/serviceImage.ts).
   */
  dockerfiles: DockerfileFacts[];
  /** How that image starts the server (CMD, compose command, launcher script). */
  launch?: Launch;
  /** Modules under tests/ or named test_*.py / *_test.py / conftest.py. */
  testModules: PythonModule[];
  /** Modules of the application itself (everything but tests). */
  appModules: PythonModule[];
  /**
   * The app modules the running service executes: reachable by imports from the modules
   * that create or start the app (not Alembic's env.py or scripts).
   */
  runtimeModules: PythonModule[];
};

/** A check's verdict before configuration (severity, enablement) is applied. */
export type CheckOutcome = {
  status: 'pass' | 'fail' | 'warn' | 'not-applicable';
  summary: string;
  evidence: Evidence[];
};

export type Check = (context: ServiceContext) => CheckOutcome;

export function evidenceAt(
  module: PythonModule,
  node: Node,
  message?: string,
): Evidence {
  return {
    path: module.path,
    line: lineOf(node),
    snippet: snippetOf(node),
    message,
  };
}

export function outcome(
  status: CheckOutcome['status'],
  summary: string,
  evidence: Evidence[] = [],
): CheckOutcome {
  return { status, summary, evidence };
}

/** "3 routes" / "1 route". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * The subject and verb of a sentence about all of `n` things, agreeing in number:
 * "All 3 HTTP routes declare" / "The HTTP route declares" (never "All 1 … declare").
 */
export function allOf(
  n: number,
  noun: string,
  verb: { one: string; many: string },
): string {
  return n === 1
    ? `The ${noun} ${verb.one}`
    : `All ${count(n, noun)} ${verb.many}`;
}

/** The verb form that agrees with `n` things: "1 of 3 declares", "2 of 3 declare". */
export function verbFor(n: number, verb: { one: string; many: string }) {
  return n === 1 ? verb.one : verb.many;
}
