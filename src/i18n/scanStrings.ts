/**
 * Finds user-visible strings in .tsx sources that bypass the catalogue. Two rules:
 * - JSX text, and the visible props (title, aria-label, placeholder, alt, label…), must hold no Latin
 *   words outside t() unless every word is on the allow-list (tensor names, symbols, units, "ViT Lens");
 * - any other string or template literal that reads as prose (two Latin words in a row) must be inside
 *   t(), or be technical: an import, a thrown Error's message, a comparison, a className or test id,
 *   or a line marked `// i18n-ignore`.
 */
import ts from 'typescript';

export interface Bypass {
  file: string;
  line: number;
  text: string;
}

const VISIBLE_PROPS = new Set([
  'title',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'placeholder',
  'alt',
  'label',
  'caption',
  'xLabel',
  'yLabel',
  'action',
  'cost',
  'message',
  'shape',
]);
/** JSX attributes that are never shown: their literals are code. */
const CODE_PROPS = new Set([
  'className',
  'data-testid',
  'testId',
  'captionTestId',
  'key',
  'href',
  'type',
  'name',
  'accept',
  'autoComplete',
  'role',
  'id',
  'htmlFor',
  'value',
  'src',
  'rel',
  'target',
  'lang',
  'dir',
  'inputMode',
  'step',
]);

/** Words that may stand as they are in either language. */
const ALLOWED_WORDS = new Set(
  (
    'ViT Lens DeiT DINO DINOv2 CLIP timm Hub Hugging Face PCA UMAP AUC RGB GELU SwiGLU QuickGELU MLP LN LayerNorm softmax Softmax ' +
    'PC PC1 PC2 PC3 fc1 fc2 concat context qkv proj attn_out attn npz json safetensors bin wasm webgl cpu WebGL WASM CPU main ' +
    'ImageNet CLS DIST REG pooled Attention embed_dim num_heads qkv_bias False solid system ui sans serif input select textarea ' +
    'px ms KB MB GB ID Q K V A E W_O W_Q W_K W_V b T D N C H L P S d h i j k q v x y z X p R G B'
  ).split(' '),
);

/** A tensor or file name: layer0.norm1, patch_tokens, trace.npz, config.json. */
const IDENTIFIER = /^[A-Za-z_]\w*([._]\w+)+$/;
/** an indexed tensor name whose index was substituted: `layer${l}.${key}[${h}]` */
const INDEXED = /^[A-Za-z_]\w*\.\[/;

function wordsOf(text: string): string[] {
  return text
    .split(/[\s,;:·()[\]{}/=+\-−→←↑↓×÷√≈%.…"'“”‖|<>!?ᵀ^*&#@$，。：；（）、“”？！]+/)
    .filter((w) => /[A-Za-z]/.test(w) && !/^\d+(\.\d+)?[a-z]{0,3}$/.test(w)); // 2px, 16x16, 4e
}

/** Visible text is prose when some Latin word is neither allowed nor part of a tensor or file name. */
export function isProse(s: string): boolean {
  const text = s.replace(/\s+/g, ' ').trim();
  if (!/[A-Za-z]/.test(text)) return false;
  const tokens = text
    .split(' ')
    .filter((tok) => !INDEXED.test(tok) && !IDENTIFIER.test(tok.replace(/[,;:()[\]]+$/g, '').replace(/^[([]+/, '')));
  return wordsOf(tokens.join(' ')).some((w) => !ALLOWED_WORDS.has(w));
}

/** A literal elsewhere in the code reads as prose when it has two Latin words in a row. */
export function looksLikeSentence(s: string): boolean {
  return /[A-Za-z]{2,}[\s,;:]+[A-Za-z]{2,}/.test(s) && isProse(s);
}

const isTCall = (n: ts.Node) =>
  ts.isCallExpression(n) &&
  ((ts.isIdentifier(n.expression) && n.expression.text === 't') ||
    (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 't'));

export function scanSource(file: string, source: string): Bypass[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = source.split('\n');
  const out: Bypass[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  // marked on its own line or the line before
  const ignored = (node: ts.Node) => /\/\/ i18n-ignore/.test(`${lines[lineOf(node) - 1] ?? ''} ${lines[lineOf(node) - 2] ?? ''}`);
  const report = (node: ts.Node, text: string, test: (s: string) => boolean) => {
    if (test(text) && !ignored(node)) out.push({ file, line: lineOf(node), text: text.replace(/\s+/g, ' ').trim() });
  };
  const literalText = (n: ts.Node): string | null => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
    // the substitutions drop out: `layer${i}.norm1` reads as layer.norm1, `${what}: layer ${l}` as ": layer "
    if (ts.isTemplateExpression(n)) return [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('');
    return null;
  };
  /** Is this literal in a place whose text is code, not words for a person? */
  const technical = (n: ts.Node): boolean => {
    for (let p: ts.Node = n.parent, child: ts.Node = n; p; child = p, p = p.parent) {
      if (isTCall(p)) return true;
      if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isTypeNode(p)) return true;
      if (ts.isNewExpression(p) && /Error$/.test(p.expression.getText(sf))) return true;
      if (ts.isThrowStatement(p)) return true;
      if (ts.isCallExpression(p) && /^console\./.test(p.expression.getText(sf))) return true;
      if (
        ts.isBinaryExpression(p) &&
        [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind)
      )
        return true;
      if (ts.isCaseClause(p) && p.expression === child) return true;
      if (ts.isPropertyAssignment(p) && p.name === child) return true;
      if (ts.isElementAccessExpression(p) && p.argumentExpression === child) return true;
      if (ts.isJsxAttribute(p)) return CODE_PROPS.has(p.name.getText(sf));
      if (ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p)) return false;
    }
    return false;
  };
  /** Is this literal the value shown by JSX directly: a child, or a visible prop? */
  const shownDirectly = (n: ts.Node): boolean => {
    for (let p: ts.Node = n.parent; p; p = p.parent) {
      if (ts.isCallExpression(p) || ts.isArrowFunction(p) || ts.isFunctionExpression(p)) return false;
      if (ts.isJsxAttribute(p)) return VISIBLE_PROPS.has(p.name.getText(sf));
      if (ts.isJsxExpression(p))
        return ts.isJsxAttribute(p.parent)
          ? VISIBLE_PROPS.has(p.parent.name.getText(sf))
          : ts.isJsxElement(p.parent) || ts.isJsxFragment(p.parent);
    }
    return false;
  };
  const walk = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text, isProse);
    else if (
      ts.isJsxAttribute(node) &&
      VISIBLE_PROPS.has(node.name.getText(sf)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer)
    )
      report(node, node.initializer.text, isProse);
    else {
      const text = literalText(node);
      if (text !== null && !(ts.isJsxAttribute(node.parent) && ts.isStringLiteral(node)) && !technical(node))
        report(node, text, shownDirectly(node) ? isProse : looksLikeSentence);
    }
    ts.forEachChild(node, walk);
  };
  walk(sf);
  return out;
}
