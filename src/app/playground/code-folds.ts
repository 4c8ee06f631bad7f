/** A run of lines of a source file: shown, or folded away under `show <fold>`. */
export interface CodePart {
  readonly text: string;
  /** The label of its `// #region <label>` marker: the part is folded; null: shown. */
  readonly fold: string | null;
  /** How many lines of code it has: blank lines at its edges and a fold's markers aside. */
  readonly lines: number;
}

const REGION = /^\s*\/\/ #region\b\s*(.*)$/;
const END_REGION = /^\s*\/\/ #endregion\b/;

/**
 * Splits a file at its `// #region <label>` … `// #endregion` markers (the editors' folding
 * markers): what lies between them is folded away, the rest is shown. The parts, joined, are the
 * file, character for character; a blank line at the edge of a shown part goes to the fold beside
 * it. Regions do not nest. Throws on a marker out of place (scripts/scenario-sources.mjs checks
 * every file at build time).
 */
export function foldRegions(text: string): CodePart[] {
  const lines = text.split(/(?<=\n)/);
  const raw: { lines: string[]; fold: string | null }[] = [];
  let current: { lines: string[]; fold: string | null } | undefined;
  lines.forEach((line, i) => {
    const region = REGION.exec(line.replace(/\r?\n$/, ''));
    if (region) {
      if (current && current.fold !== null) throw new Error(`line ${i + 1}: a #region inside a #region`);
      current = { lines: [line], fold: region[1].trim() || 'more' };
      raw.push(current);
      return;
    }
    if (END_REGION.test(line)) {
      if (!current || current.fold === null) throw new Error(`line ${i + 1}: an #endregion without its #region`);
      current.lines.push(line);
      current = undefined;
      return;
    }
    if (!current) {
      current = { lines: [], fold: null };
      raw.push(current);
    }
    current.lines.push(line);
  });
  if (current && current.fold !== null) throw new Error(`a #region "${current.fold}" without its #endregion`);

  // Blank lines at the edges of a shown part go into the folds beside it.
  const blank = (line: string) => line.trim() === '';
  raw.forEach((part, i) => {
    if (part.fold !== null) return;
    const before = raw[i - 1];
    const after = raw[i + 1];
    while (before && part.lines.length > 0 && blank(part.lines[0])) before.lines.push(part.lines.shift()!);
    while (after && part.lines.length > 0 && blank(part.lines[part.lines.length - 1])) after.lines.unshift(part.lines.pop()!);
  });
  return raw
    .filter((part) => part.lines.length > 0)
    .map((part) => {
      const text = part.lines.join('');
      const lines = text.trim().split('\n').length - (part.fold === null ? 0 : 2);
      return { text, fold: part.fold, lines };
    });
}
