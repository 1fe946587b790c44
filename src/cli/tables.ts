import Table from 'cli-table3';
import { paint, visibleWidth } from './color.ts';

export interface Column {
  head: string;
  align?: 'left' | 'right';
  /** Higher stays longer when the table must shrink to the terminal; 0 never drops. */
  priority?: number;
}

/**
 * A borderless listing (like `docker ps`): columns two spaces apart, a bold header when coloured.
 * With `width`, the lowest-priority columns are dropped until the table fits.
 *
 * @example
 * console.log(listTable([{ head: 'id', align: 'right' }, { head: 'status' }], [['1', 'completed']], { color: false }));
 * // id  status
 * //  1  completed
 */
export function listTable(columns: Column[], rows: string[][], options: { color: boolean; width?: number }): string {
  let keep = columns.map((_, i) => i);
  const widthOf = (i: number) => Math.max(visibleWidth(columns[i]!.head), ...rows.map((r) => visibleWidth(r[i] ?? '')));
  const total = () => keep.reduce((sum, i) => sum + widthOf(i), 0) + 2 * (keep.length - 1);
  while (options.width !== undefined && total() > options.width) {
    const droppable = keep.filter((i) => (columns[i]!.priority ?? 0) > 0);
    if (droppable.length === 0) break;
    const drop = droppable.reduce((a, b) => ((columns[b]!.priority ?? 0) > (columns[a]!.priority ?? 0) ? a : b));
    keep = keep.filter((i) => i !== drop);
  }
  const table = new Table({
    head: keep.map((i) => paint(columns[i]!.head, 'bold', options.color)),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
      'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: keep.map((i) => columns[i]!.align ?? 'left'),
  });
  for (const row of rows) table.push(keep.map((i) => row[i] ?? ''));
  return table.toString().split('\n').map((line) => line.trimEnd()).join('\n');
}

/**
 * A small boxed table (cli-table3), header coloured only when `color` is on.
 *
 * @example
 * console.log(boxTable(['', 'train', 'test'], [['accuracy', '1', '0.7']], { color: false }));
 */
export function boxTable(head: string[], rows: string[][], options: { color: boolean; align?: ('left' | 'right')[] }): string {
  const style = options.color ? { head: ['cyan'], border: ['grey'], compact: true } : { head: [], border: [], compact: true };
  const table = new Table({ head, style, colAligns: options.align ?? head.map((_, i) => (i === 0 ? 'left' : 'right')) });
  for (const row of rows) table.push(row);
  return table.toString();
}

