import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCsv, parseCsv } from '../../src/data/csv.ts';
import { DataError } from '../../src/data/data-error.ts';

const dataFile = (name: string) => fileURLToPath(new URL(`../../data/${name}`, import.meta.url));

const parse = (text: string, label = 'y') => parseCsv(text, { file: 'bad.csv', label });

/** The DataError `parse(text)` throws. */
function errorOf(text: string, label = 'y'): DataError {
  try {
    parse(text, label);
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected parseCsv to throw');
}

describe('loadCsv on the bundled data sets', () => {
  it('loads iris as 150 x 4 with 3 classes', () => {
    const iris = loadCsv(dataFile('iris.csv'), { label: 'species' });
    expect([iris.n, iris.nFeatures, iris.nClasses]).toEqual([150, 4, 3]);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(iris.featureNames).toEqual(['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm']);
    expect(Array.from(iris.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(Array.from(iris.x.subarray(596))).toEqual([5.9, 3, 5.1, 1.8]);
    const counts = [0, 0, 0];
    for (const k of iris.y) counts[k]!++;
    expect(counts).toEqual([50, 50, 50]);
    expect([iris.y[0], iris.y[50], iris.y[149]]).toEqual([0, 1, 2]);
  });

  it('loads wine and breast_cancer', () => {
    const wine = loadCsv(dataFile('wine.csv'), { label: 'cultivar' });
    expect([wine.n, wine.nFeatures, wine.nClasses]).toEqual([178, 13, 3]);
    expect(wine.classNames).toEqual(['class_0', 'class_1', 'class_2']);
    const bc = loadCsv(dataFile('breast_cancer.csv'), { label: 'diagnosis' });
    expect([bc.n, bc.nFeatures, bc.nClasses]).toEqual([569, 30, 2]);
    expect(bc.classNames).toEqual(['benign', 'malignant']);
    expect(bc.y[0]).toBe(1);
  });

  it('reports a missing file', () => {
    const path = dataFile('no-such.csv');
    let error: unknown;
    try {
      loadCsv(path, { label: 'y' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toBe(`${path}: file not found`);
    expect(((error as DataError).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});

describe('parseCsv', () => {
  it('reads features in file order around the label column', () => {
    const ds = parse('a,y,b\n1,p,2\n3,q,4\n');
    expect(ds.featureNames).toEqual(['a', 'b']);
    expect(Array.from(ds.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(ds.y)).toEqual([0, 1]);
  });

  it('reads quoted fields with commas and "" escapes', () => {
    const ds = parse('n,"weird, name",y\n1,"2","a,b"\n3,4,"say ""hi"""\n');
    expect(ds.featureNames).toEqual(['n', 'weird, name']);
    expect(Array.from(ds.x)).toEqual([1, 2, 3, 4]);
    expect(ds.classNames).toEqual(['a,b', 'say "hi"']);
  });

  it('sorts numeric labels numerically, mixed labels by code unit', () => {
    const num = parse('a,y\n1,10\n2,9\n3,2\n4,10\n5,-1.5\n');
    expect(num.classNames).toEqual(['-1.5', '2', '9', '10']);
    expect(Array.from(num.y)).toEqual([3, 2, 1, 3, 0]);
    const mixed = parse('a,y\n1,10\n2,b\n3,9\n4,B\n');
    expect(mixed.classNames).toEqual(['10', '9', 'B', 'b']);
    expect(Array.from(mixed.y)).toEqual([0, 3, 1, 2]);
  });

  it('accepts CRLF, a BOM, no final newline and blank lines at the end', () => {
    for (const text of ['a,y\r\n1,p\r\n2,q', '\ufeffa,y\n1,p\n2,q\n', 'a,y\n1,p\n2,q\n\n\r\n  \n', 'a, y \n 1 ,p\n2, q\n']) {
      const ds = parse(text);
      expect(ds.featureNames).toEqual(['a']);
      expect(Array.from(ds.x)).toEqual([1, 2]);
      expect(ds.classNames).toEqual(['p', 'q']);
    }
  });

  it('accepts decimal numbers only', () => {
    const ds = parse('a,y\n-1.5e2,p\n.5,q\n+3.,q\n');
    expect(Array.from(ds.x)).toEqual([-150, 0.5, 3]);
    for (const cell of ['0x10', 'Infinity', 'NaN', '1e999', '1,5']) {
      const text = `a,y\n${cell.includes(',') ? `"${cell}"` : cell},p\n2,q\n`;
      expect(errorOf(text).message).toBe(`bad.csv:2:1: non-numeric value "${cell}" in column "a"`);
    }
  });
});

describe('parseCsv errors, word for word', () => {
  const cases: Array<[string, string, string]> = [
    ['ragged row, too few fields', 'a,b,y\n1,2,p\n3,q\n', 'bad.csv:3:3: expected 3 fields, got 2'],
    ['ragged row, too many fields', 'a,b,y\n1,2,p,9\n', 'bad.csv:2:4: expected 3 fields, got 4'],
    ['non-numeric cell', 'a,b,y\n1,2,p\n3,x4,q\n', 'bad.csv:3:2: non-numeric value "x4" in column "b"'],
    ['non-numeric cell after CRLF', 'a,b,y\r\n1,2,p\r\n3,4 5,q\r\n', 'bad.csv:3:2: non-numeric value "4 5" in column "b"'],
    ['empty feature cell', 'a,b,y\n1,,p\n', 'bad.csv:2:2: empty value in column "b"'],
    ['empty label cell', 'a,b,y\n1,2,p\n1,2,  \n', 'bad.csv:3:3: empty value in column "y"'],
    ['missing label column', 'a,b,y\n1,2,p\n', 'bad.csv: no label column "species"; columns are: a, b, y'],
    ['empty file', '', 'bad.csv: empty file (no header row)'],
    ['file of blank lines', '\n  \r\n\n', 'bad.csv: empty file (no header row)'],
    ['header only', 'a,b,y\r\n', 'bad.csv: no data rows after the header'],
    ['duplicate header', 'a,b,a,y\n1,2,3,p\n', 'bad.csv:1:3: duplicate column name "a" (also column 1)'],
    ['single class', 'a,y\n1,p\n2,p\n', 'bad.csv: only one class ("p") in label column "y"; need at least 2'],
    ['empty header name', 'a,,y\n1,2,p\n', 'bad.csv:1:2: empty column name in header'],
    ['label column only', 'y\np\nq\n', 'bad.csv: no feature columns besides the label "y"'],
    ['blank line inside the data', 'a,y\n1,p\n\n2,q\n', 'bad.csv:3:1: blank line inside the data (only blank lines at the end are allowed)'],
    ['unterminated quote', 'a,y\n1,p\n2,"q\n', 'bad.csv:3:2: unterminated quoted field'],
    ['text after a closing quote', 'a,y\n1,"p"q\n', 'bad.csv:2:2: unexpected text after closing quote'],
    ['line count after a quoted line break', 'a,y\n1,"p\nq"\nbad,r\n', 'bad.csv:4:1: non-numeric value "bad" in column "a"'],
  ];
  it.each(cases)('%s', (_, text, message) => {
    const label = message.includes('"species"') ? 'species' : 'y';
    expect(errorOf(text, label).message).toBe(message);
  });

  it('keeps the parts of the message as fields', () => {
    const e = errorOf('a,b,y\n1,2,p\n3,x4,q\n');
    expect([e.name, e.file, e.line, e.column, e.what]).toEqual(['DataError', 'bad.csv', 3, 2, 'non-numeric value "x4" in column "b"']);
    const whole = errorOf('a,y\n1,p\n2,p\n');
    expect([whole.line, whole.column]).toEqual([undefined, undefined]);
  });
});
