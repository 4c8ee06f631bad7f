import { foldRegions } from './code-folds';

describe('foldRegions', () => {
  const file = [
    '// #region imports',
    "import { a } from 'a';",
    '// #endregion',
    '',
    'export function shown() {',
    '  return a;',
    '}',
    '',
    '// #region plumbing: the rest',
    'function hidden() {}',
    '// #endregion',
    '',
  ].join('\n');

  it('folds what the markers enclose, and the parts joined are the file', () => {
    const parts = foldRegions(file);
    expect(parts.map((part) => part.text).join('')).toBe(file);
    expect(parts.map(({ fold, lines }) => [fold, lines])).toEqual([
      ['imports', 1],
      [null, 3],
      ['plumbing: the rest', 1],
    ]);
    // The blank lines around the shown part go into the folds beside it.
    expect(parts[1].text).toBe('export function shown() {\n  return a;\n}\n');
  });

  it('shows a file without markers whole', () => {
    expect(foldRegions('const x = 1;\n')).toEqual([{ text: 'const x = 1;\n', fold: null, lines: 1 }]);
  });

  it('rejects markers out of place', () => {
    expect(() => foldRegions('// #region a\n// #region b\n// #endregion\n')).toThrowError(/inside a #region/);
    expect(() => foldRegions('x\n// #endregion\n')).toThrowError(/without its #region/);
    expect(() => foldRegions('// #region a\nx\n')).toThrowError(/without its #endregion/);
  });
});
