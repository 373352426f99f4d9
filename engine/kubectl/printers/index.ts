// kubectl's output formats: -o yaml|json|name|jsonpath|custom-columns and the human-readable tables.

export { toYaml, toYamlDocuments } from './yaml';
export { toJson } from './json';
export { printName, toNames } from './name';
export { asList } from './list';
export { JSONPath, parseJsonPath, printJsonPath, JsonPathError, JsonPathParseError } from './jsonpath';
export { parseCustomColumnsSpec, parseCustomColumnsTemplate, printCustomColumns, relaxedJSONPathExpression, type Column } from './custom-columns';
export { HumanReadablePrinter, decorateTable, printTable, printGet, noResourcesFoundMessage, escapeTerminal, type PrintOptions, type GetResult, type GetPrintOptions } from './table';
export { TabWriter, tabwrite, kubectlTabWriterConfig } from './tabwriter';
