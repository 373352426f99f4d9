// Picks the printer for -w/--write-out (ctlv3/command/printer.go NewPrinter).

import type { Io } from '../io';
import { FieldsPrinter } from './fields';
import { JsonPrinter } from './json';
import type { Printer } from './printer';
import { SimplePrinter } from './simple';
import { TablePrinter } from './table';

export type { EpHealth, EpStatus, Printer } from './printer';
export { SimplePrinter } from './simple';

/** The printer for an output format, or null when etcdctl would say "unsupported output format". */
export function newPrinter(format: string, isHex: boolean, io: Io): Printer | null {
  switch (format) {
    case 'simple':
      return new SimplePrinter(io, isHex);
    case 'json':
      return new JsonPrinter(io);
    case 'fields':
      return new FieldsPrinter(io);
    case 'table':
      return new TablePrinter(io);
    default:
      return null;
  }
}
