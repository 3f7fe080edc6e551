import type { Node } from '../python/parser';
import { PySymbol, PythonProject, Scope } from '../python/project';
import { callParts, field, kids } from '../python/syntax';
import { nodeKey, ScopedNode } from './model';
import { isAnnotated, isDependsCall, isSecurityScheme } from './names';

/** One parameter of a function: its name, annotation and default, unwrapped. */
export type Parameter = {
  name: string;
  node: Node;
  annotation?: Node;
  defaultValue?: Node;
};

export function parametersOf(func: Node): Parameter[] {
  const parameters = field(func, 'parameters');
  if (!parameters) return [];
  return kids(parameters).flatMap((param): Parameter[] => {
    switch (param.type) {
      case 'identifier':
        return [{ name: param.text, node: param }];
      case 'typed_parameter': {
        const name = kids(param).find(k => k.type === 'identifier');
        return name
          ? [{ name: name.text, node: param, annotation: field(param, 'type') }]
          : [];
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = field(param, 'name');
        return name
          ? [
              {
                name: name.text,
                node: param,
                annotation: field(param, 'type'),
                defaultValue: field(param, 'value'),
              },
            ]
          : [];
      }
      default:
        return [];
    }
  });
}

/** `Annotated[T, meta…]` in either a type position (generic_type) or an expression (subscript). */
export function annotatedParts(
  project: PythonProject,
  scope: Scope,
  node: Node | undefined,
): { type: Node; metadata: Node[] } | undefined {
  let current = node;
  while (
    current &&
    (current.type === 'type' || current.type === 'parenthesized_expression')
  )
    current = kids(current)[0];
  if (!current) return undefined;
  if (current.type === 'generic_type') {
    const [name, params] = kids(current);
    if (!isAnnotated(project.resolve(scope, name)) || !params) return undefined;
    const items = kids(params).map(t =>
      t.type === 'type' ? kids(t)[0] ?? t : t,
    );
    return items.length
      ? { type: items[0], metadata: items.slice(1) }
      : undefined;
  }
  if (current.type === 'subscript') {
    if (!isAnnotated(project.resolve(scope, field(current, 'value'))))
      return undefined;
    const items = current
      .childrenForFieldName('subscript')
      .filter((n): n is Node => !!n);
    return items.length
      ? { type: items[0], metadata: items.slice(1) }
      : undefined;
  }
  return undefined;
}

/**
 * Decides which functions and objects depend, directly or transitively, on a security
 * scheme (OAuth2PasswordBearer, HTTPBearer, APIKeyHeader…), following Depends/Security,
 * Annotated aliases, class-based dependencies and instances with __call__.
 */
export class DependencyAnalyzer {
  private readonly memo = new Map<string, boolean>();

  constructor(private readonly project: PythonProject) {}

  /** The dependency calls (Depends/Security) a parameter declares, with their scopes. */
  parameterDependencies(param: Parameter, scope: Scope): ScopedNode[] {
    const found: ScopedNode[] = [];
    const consider = (node: Node | undefined, where: Scope) => {
      if (
        node?.type === 'call' &&
        isDependsCall(this.project.resolve(where, field(node, 'function')))
      ) {
        found.push({ node, scope: where, module: where.module });
      }
    };
    consider(param.defaultValue, scope);
    const visitAnnotation = (
      annotation: Node | undefined,
      where: Scope,
      depth: number,
    ) => {
      if (!annotation || depth > 5) return;
      const annotated = annotatedParts(this.project, where, annotation);
      if (annotated) {
        annotated.metadata.forEach(meta => consider(meta, where));
        return;
      }
      // An alias such as CurrentUser = Annotated[User, Depends(get_current_user)].
      const alias = this.project.resolve(
        where,
        annotation.type === 'type' ? kids(annotation)[0] : annotation,
      );
      if (alias?.kind === 'value')
        visitAnnotation(alias.node, alias.scope, depth + 1);
    };
    visitAnnotation(param.annotation, scope, 0);
    return found;
  }

  /** True when a Depends(...)/Security(...) call (or a bare dependency list item) is secured. */
  isSecured(dependency: ScopedNode): boolean {
    const { node, scope } = dependency;
    if (node.type !== 'call') return this.isSecureTarget(node, scope, 0);
    const parts = callParts(node);
    if (!isDependsCall(this.project.resolve(scope, parts.callee)))
      return this.isSecureTarget(node, scope, 0);
    const target = parts.positional[0] ?? parts.keywords.get('dependency');
    return target ? this.isSecureTarget(target, scope, 0) : false;
  }

  /** True when any dependency of the function (its parameters) is secured. */
  isSecureFunction(func: Node, scope: Scope, depth = 0): boolean {
    const key = nodeKey(scope.module, func);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    this.memo.set(key, false); // cycle guard
    const result =
      depth < 12 &&
      parametersOf(func).some(param =>
        this.parameterDependencies(param, scope).some(dep =>
          this.isSecuredAt(dep, depth + 1),
        ),
      );
    this.memo.set(key, result);
    return result;
  }

  private isSecuredAt(dependency: ScopedNode, depth: number): boolean {
    const parts = callParts(dependency.node);
    const target = parts.positional[0] ?? parts.keywords.get('dependency');
    return target
      ? this.isSecureTarget(target, dependency.scope, depth)
      : false;
  }

  private isSecureTarget(node: Node, scope: Scope, depth: number): boolean {
    if (depth > 12) return false;
    if (node.type === 'call') {
      const callee = this.project.resolve(scope, field(node, 'function'));
      return this.isSecureCallable(callee, depth, true);
    }
    return this.isSecureCallable(
      this.project.resolve(scope, node),
      depth,
      false,
    );
  }

  /** `instance` is true when the symbol is being called to create the dependency object. */
  private isSecureCallable(
    symbol: PySymbol | undefined,
    depth: number,
    instance: boolean,
  ): boolean {
    if (!symbol) return false;
    if (symbol.kind === 'external') return instance && isSecurityScheme(symbol);
    if (symbol.kind === 'value') {
      return symbol.node.type === 'call' ||
        symbol.node.type === 'identifier' ||
        symbol.node.type === 'attribute'
        ? this.isSecureTarget(symbol.node, symbol.scope, depth + 1)
        : false;
    }
    if (symbol.kind !== 'definition') return false;
    if (symbol.node.type === 'function_definition') {
      return this.isSecureFunction(symbol.node, symbol.scope, depth + 1);
    }
    // A class: a security scheme subclass, or a class-based dependency (__init__ / __call__).
    if (this.isSecuritySubclass(symbol, depth)) return true;
    const method = this.methodOf(
      symbol.node,
      instance ? '__call__' : '__init__',
    );
    return method
      ? this.isSecureFunction(method, symbol.scope, depth + 1)
      : false;
  }

  isSecuritySubclass(symbol: PySymbol, depth = 0): boolean {
    if (symbol.kind === 'external') return isSecurityScheme(symbol);
    if (
      symbol.kind !== 'definition' ||
      symbol.node.type !== 'class_definition' ||
      depth > 12
    )
      return false;
    const bases = field(symbol.node, 'superclasses');
    return (bases ? kids(bases) : []).some(base => {
      const resolved = this.project.resolve(symbol.scope, base);
      return resolved ? this.isSecuritySubclass(resolved, depth + 1) : false;
    });
  }

  private methodOf(classNode: Node, name: string): Node | undefined {
    const body = field(classNode, 'body');
    for (const statement of body ? kids(body) : []) {
      const definition =
        statement.type === 'decorated_definition'
          ? field(statement, 'definition')
          : statement;
      if (
        definition?.type === 'function_definition' &&
        field(definition, 'name')?.text === name
      )
        return definition;
    }
    return undefined;
  }
}
