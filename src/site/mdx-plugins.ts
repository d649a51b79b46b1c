/**
 * MDX plugins for crisis notebooks (`reports/<crisis>.mdx`).
 *
 * - {@link remarkCellSource} stamps every `<Query>`, `<Chart>` and `<Kpi>`
 *   with `__source="reports/x.mdx:12"`, so a broken SQL cell can name the file
 *   and line it came from when it fails the build.
 * - {@link recmaReportScope} puts `report` (and `crisis`) in scope of the MDX
 *   body, so prose can say `{report.counts.messages}` without `props.`.
 *
 * Both walk the trees by hand: the unist/estree helper packages are only
 * transitive dependencies here and may move.
 */
import path from 'node:path';

interface UnistNode {
  type: string;
  name?: string | null;
  position?: { start: { line: number } };
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: UnistNode[];
}

interface VFileLike {
  path?: string;
  cwd?: string;
}

const CELLS = new Set(['Query', 'Chart', 'Kpi']);

/** Remark plugin: adds a `__source` attribute (`file:line`) to notebook cells. */
export function remarkCellSource() {
  return (tree: UnistNode, file: VFileLike) => {
    const rel = file.path ? path.relative(file.cwd ?? process.cwd(), file.path) : 'notebook.mdx';
    const visit = (node: UnistNode) => {
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name && CELLS.has(node.name)) {
        const line = node.position?.start.line ?? 0;
        node.attributes = [...(node.attributes ?? []), { type: 'mdxJsxAttribute', name: '__source', value: `${rel}:${line}` }];
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}

interface EsNode {
  type: string;
  id?: { type: string; name: string } | null;
  params?: EsNode[];
  name?: string;
  body?: EsNode | EsNode[];
  declaration?: EsNode | null;
  [key: string]: unknown;
}

/** Names made available to the MDX body from the props of `<Content … />`. */
const SCOPE = ['report', 'crisis'];

/**
 * Recma plugin: inserts `const { report, crisis } = props;` at the top of
 * `_createMdxContent(props)`, the function MDX compiles the body into.
 */
export function recmaReportScope() {
  return (program: EsNode) => {
    const body = Array.isArray(program.body) ? program.body : [];
    for (const statement of body) {
      const fn = statement.type === 'FunctionDeclaration' ? statement : statement.declaration;
      if (!fn || fn.type !== 'FunctionDeclaration' || fn.id?.name !== '_createMdxContent') continue;
      const param = fn.params?.[0];
      const block = fn.body as EsNode | undefined;
      if (!param || param.type !== 'Identifier' || !block || !Array.isArray(block.body)) continue;
      block.body.unshift({
        type: 'VariableDeclaration',
        kind: 'const',
        declarations: [
          {
            type: 'VariableDeclarator',
            id: {
              type: 'ObjectPattern',
              properties: SCOPE.map((name) => ({
                type: 'Property',
                kind: 'init',
                method: false,
                shorthand: true,
                computed: false,
                key: { type: 'Identifier', name },
                value: { type: 'Identifier', name },
              })),
            },
            init: { type: 'Identifier', name: param.name },
          },
        ],
      });
    }
  };
}
