/** Finds user-visible strings in .tsx sources that bypass the catalogue: JSX text and string
 *  props (title, aria-label, placeholder, alt, label) that contain Latin words outside t(). */
import ts from 'typescript';

export interface Bypass {
  file: string;
  line: number;
  text: string;
}

const VISIBLE_PROPS = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description', 'aria-roledescription']);

/** Words that may stand as they are in either language: tensor names, symbols, units, the name. */
export const ALLOWED = [
  /^ViT Lens$/,
  /^\[(CLS|DIST|REG\d*)\]$/,
  /^(Q|K|V|A|W_?[QKVO]|E|px|ms|ID|RGB|PCA|UMAP|AUC|GELU|MLP|LN|LayerNorm|softmax|ViT|DeiT|DINOv2|CLIP|npz|trace\.npz|JSON|URL|wasm|webgl|cpu|WebGL|WASM|CPU|T|D|N|d|h|L|x|y|i|j|×|top-\d+)$/,
];

/** A string is visible prose when it has a Latin letter and is not an allowed symbol. */
export function isProse(s: string): boolean {
  const text = s.replace(/\s+/g, ' ').trim();
  if (!/[A-Za-z]/.test(text)) return false;
  if (ALLOWED.some((re) => re.test(text))) return false;
  // every token a symbol, shape, or allowed word: e.g. "Q · Kᵀ", "[T, T]"
  const tokens = text.split(/[\s,;:·()[\]{}/=+\-−→←↑↓×≈%.]+/).filter((w) => /[A-Za-z]/.test(w));
  return !tokens.every((w) => ALLOWED.some((re) => re.test(w)));
}

export function scanSource(file: string, source: string): Bypass[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Bypass[] = [];
  const report = (node: ts.Node, text: string) => {
    if (isProse(text)) out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  };
  /** String literals reachable from an expression without passing through a call (t('…') is a call). */
  const literalsOf = (e: ts.Node, visit: (n: ts.Node, s: string) => void) => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) visit(e, e.text);
    else if (ts.isTemplateExpression(e)) {
      visit(e, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '));
      e.templateSpans.forEach((s) => literalsOf(s.expression, visit));
    } else if (ts.isConditionalExpression(e)) {
      literalsOf(e.whenTrue, visit);
      literalsOf(e.whenFalse, visit);
    } else if (ts.isBinaryExpression(e)) {
      literalsOf(e.left, visit);
      literalsOf(e.right, visit);
    } else if (ts.isParenthesizedExpression(e)) literalsOf(e.expression, visit);
  };
  const walk = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      literalsOf(node.expression, report);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      if (VISIBLE_PROPS.has(name) && node.initializer) {
        if (ts.isStringLiteral(node.initializer)) report(node, node.initializer.text);
        else if (ts.isJsxExpression(node.initializer) && node.initializer.expression)
          literalsOf(node.initializer.expression, report);
      }
    }
    ts.forEachChild(node, walk);
  };
  walk(sf);
  return out;
}
