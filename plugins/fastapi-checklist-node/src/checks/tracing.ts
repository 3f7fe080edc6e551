import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Node } from '../python/parser';
import { isExternal, PythonModule, PythonProject } from '../python/project';
import { callParts, field } from '../python/syntax';
import { Check, evidenceAt, outcome } from './context';
import {
  callsOf,
  isOrDerivesFrom,
  modulesMentioning,
  resolveArgument,
  resolvedCalls,
} from './moduleFacts';

const OTEL = ['opentelemetry'];

/** `FastAPIInstrumentor` itself, or an instance of it (`FastAPIInstrumentor()`, a name bound to one). */
function isFastAPIInstrumentor(
  project: PythonProject,
  module: PythonModule,
  node: Node | undefined,
): boolean {
  if (!node) return false;
  if (node.type === 'call')
    return isFastAPIInstrumentor(project, module, field(node, 'function'));
  const symbol = resolveArgument(project, module, node);
  if (isExternal(symbol, OTEL, ['FastAPIInstrumentor'])) return true;
  return (
    symbol?.kind === 'value' &&
    symbol.node.type === 'call' &&
    isExternal(
      project.resolve(symbol.scope, field(symbol.node, 'function')),
      OTEL,
      ['FastAPIInstrumentor'],
    )
  );
}

export const tracingCheck: Check = ({ project, runtimeModules, launch }) => {
  const modules = modulesMentioning(runtimeModules, /opentelemetry|logfire/);
  const calls = resolvedCalls(project, modules);
  const instrumented: Evidence[] = [];
  for (const { module, call, callee } of calls) {
    const parts = callParts(call);
    const method =
      parts.callee?.type === 'attribute'
        ? field(parts.callee, 'attribute')?.text
        : undefined;
    if (
      (method === 'instrument_app' || method === 'instrument') &&
      isFastAPIInstrumentor(project, module, field(parts.callee!, 'object'))
    )
      instrumented.push(
        evidenceAt(module, call, `FastAPIInstrumentor.${method}`),
      );
    else if (isExternal(callee, ['logfire'], ['instrument_fastapi']))
      instrumented.push(evidenceAt(module, call, 'logfire.instrument_fastapi'));
    else if (
      [callee, resolveArgument(project, module, parts.positional[0])].some(
        symbol =>
          isOrDerivesFrom(project, symbol, OTEL, ['OpenTelemetryMiddleware']),
      )
    )
      instrumented.push(evidenceAt(module, call, 'OpenTelemetryMiddleware'));
  }
  // Zero-code instrumentation: the server started under `opentelemetry-instrument`.
  if (
    launch?.words.some(word => /(^|\/)opentelemetry-instrument$/.test(word))
  ) {
    const step = launch.evidence[launch.evidence.length - 1];
    instrumented.push({
      ...step,
      message: 'opentelemetry-instrument launcher',
    });
  }
  if (instrumented.length)
    return outcome(
      'pass',
      `Requests are traced with OpenTelemetry (${instrumented[0].message}).`,
      instrumented.slice(0, 5),
    );
  const providers = [
    ...callsOf(calls, OTEL, ['TracerProvider', 'set_tracer_provider']),
    ...callsOf(calls, ['logfire'], ['configure']),
  ];
  if (providers.length)
    return outcome(
      'warn',
      'A tracer provider is set up, but the FastAPI app is not instrumented, so requests make no spans.',
      providers
        .slice(0, 5)
        .map(({ module, call }) => evidenceAt(module, call, 'tracer provider')),
    );
  return outcome(
    'fail',
    'No OpenTelemetry instrumentation of the app (FastAPIInstrumentor, OpenTelemetryMiddleware, logfire.instrument_fastapi or opentelemetry-instrument).',
  );
};
