import type { Node } from '../python/parser';
import { bodyScope } from '../fastapi/model';
import { NodeMap } from '../fastapi/nodeMap';
import { parametersOf } from '../fastapi/parameters';
import type { PythonProject, Scope } from '../python/project';
import { callParts, descendants, field } from '../python/syntax';

/** Methods of a Starlette Request that hand over the body unvalidated. */
const RAW_READS = ['json', 'body', 'form', 'stream'];

/** How many calls deep a request handed to the project's functions is followed. */
export const MAX_RAW_READ_DEPTH = 3;

/**
 * Whether a function reads the raw body of its parameter `name` (`await request.json()`,
 * `.body()`, `.form()`, `.stream()`), itself or in a project function it hands the
 * request to (`return await proxy(request)`), a few calls deep. Memoised per function
 * and parameter for one analysis.
 */
export class RawBodyReads {
  private readonly known = new NodeMap<Map<string, boolean>>();

  constructor(private readonly project: PythonProject) {}

  reads(func: Node, scope: Scope, name: string, depth = 0): boolean {
    const byName =
      this.known.get(scope.module, func) ?? new Map<string, boolean>();
    this.known.set(scope.module, func, byName);
    const known = byName.get(name);
    if (known !== undefined) return known;
    // Assumed false while being computed: a recursive call adds nothing.
    byName.set(name, false);
    const found = this.compute(func, scope, name, depth);
    byName.set(name, found);
    return found;
  }

  private compute(
    func: Node,
    scope: Scope,
    name: string,
    depth: number,
  ): boolean {
    for (const call of descendants(func, 'call')) {
      const callee = field(call, 'function');
      if (
        callee?.type === 'attribute' &&
        field(callee, 'object')?.textIs(name) &&
        RAW_READS.includes(field(callee, 'attribute')?.text ?? '')
      )
        return true;
      if (depth >= MAX_RAW_READ_DEPTH) continue;
      const handed = this.handedTo(call, scope, name);
      if (
        handed &&
        this.reads(handed.func, handed.scope, handed.name, depth + 1)
      )
        return true;
    }
    return false;
  }

  /** The project function and its parameter a call passes `name` to, if it does. */
  private handedTo(call: Node, scope: Scope, name: string) {
    const parts = callParts(call);
    const index = parts.positional.findIndex(arg => arg.textIs(name));
    const keyword = [...parts.keywords].find(([, arg]) => arg.textIs(name));
    if (index < 0 && !keyword) return undefined;
    const target = this.project.resolve(scope, parts.callee);
    if (
      target?.kind !== 'definition' ||
      target.node.type !== 'function_definition'
    )
      return undefined;
    const parameters = parametersOf(target.node);
    const parameter = keyword
      ? parameters.find(p => p.name === keyword[0])
      : parameters[index];
    return parameter
      ? {
          func: target.node,
          scope: bodyScope(target.scope.module, target.node),
          name: parameter.name,
        }
      : undefined;
  }
}
