// What a print function returns for one object: its cells (one per column definition, the wide ones
// included, as the server prints with GenerateOptions{Wide: true}) and any row conditions.

import type { TableRowCondition } from '../../api/types';

export interface PrintedRow {
  cells: (string | number | boolean | null)[];
  conditions?: TableRowCondition[];
}
