/**
 * Small AST helpers shared by the engine. Traversal is iterative (an explicit stack), so deeply
 * nested code cannot overflow the call stack.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode, Node } from './types.js';

export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Calls `visit` for every node below `root` (pre-order); returning `false` skips the children. */
export function walk(root: Node, keys: VisitorKeys, visit: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const childKeys = keys[node.type];
    if (!childKeys) continue;
    // Push in reverse so that children are visited in source order.
    for (let k = childKeys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[childKeys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) if (isNode(child[i])) stack.push(child[i] as Node);
      } else if (isNode(child)) {
        stack.push(child);
      }
    }
  }
}

export function isFunctionNode(node: Node | null | undefined): node is FunctionNode {
  return (
    node?.type === 'FunctionDeclaration' || node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression'
  );
}

/** Strips TypeScript-only wrappers and parentheses-like nodes (`x as T`, `x!`, `<T>x`, `x satisfies T`). */
export function unwrapTS(node: TSESTree.Expression): TSESTree.Expression {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSSatisfiesExpression':
      case 'TSInstantiationExpression':
        current = current.expression;
        break;
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** Static property name of a member expression or property key (`a.b`, `a['b']`, `a[0]`). */
export function staticPropertyName(node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | null {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  const computed = node.computed;
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? null;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  return null;
}

/** Name of a simple parameter (`event`, `event = {}`, `event: S3Event`), or null for patterns. */
export function paramName(param: TSESTree.Parameter | undefined): string | null {
  if (!param) return null;
  if (param.type === 'Identifier') return param.name;
  if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left.name;
  if (param.type === 'TSParameterProperty') return paramName(param.parameter);
  return null;
}

/** The type annotation of a parameter, if any. */
export function paramType(param: TSESTree.Parameter | undefined): TSESTree.TypeNode | null {
  if (!param) return null;
  if (param.type === 'Identifier' || param.type === 'ObjectPattern' || param.type === 'ArrayPattern' || param.type === 'RestElement')
    return param.typeAnnotation?.typeAnnotation ?? null;
  if (param.type === 'AssignmentPattern') return paramType(param.left);
  return null;
}

/** `Foo`, `AWSLambda.Foo`, `lambda.Foo` → `Foo`. */
export function typeReferenceName(type: TSESTree.TypeNode | null | undefined): string | null {
  if (type?.type !== 'TSTypeReference') return null;
  const name = type.typeName;
  if (name.type === 'Identifier') return name.name;
  if (name.type === 'TSQualifiedName') return name.right.name;
  return null;
}

export function typeArguments(type: TSESTree.TypeNode | null | undefined): readonly TSESTree.TypeNode[] {
  if (type?.type !== 'TSTypeReference') return [];
  return type.typeArguments?.params ?? [];
}

export function lineOf(node: Node): number {
  return node.loc.start.line;
}
