import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The form fields that say how uploaded files are read (OpenAPI); anything absent is detected from each file. */
export const READING_FIELDS: Record<string, SchemaObject> = {
  encoding: {
    type: 'string',
    description: "The files' encoding, a WHATWG label: utf-8, utf-16le, windows-1252, iso-8859-15, shift_jis, gb18030, euc-kr …",
    example: 'windows-1252',
  },
  delimiter: { type: 'string', enum: [',', ';', '\t', 'tab', '|'], description: 'Field delimiter ("tab" for a tab)' },
  quote: { type: 'string', enum: ['"', "'", ''], description: 'Quote character; empty reads the files without quoting' },
  escape: { type: 'string', enum: ['"', '\\', ''], description: 'How a quote is written inside a quoted field: doubled ("), after a backslash (\\) or not at all (empty)' },
  headerLine: { type: 'integer', minimum: 1, description: 'Line (CSV) or row (xlsx) of the header; lines above it are skipped as preamble' },
  sheet: { type: 'string', description: "An Excel workbook's sheet by name (the first sheet when absent)" },
  columnFields: {
    type: 'string',
    description: 'Corrections of the header mapping, as JSON: column header as written → field name, or null to leave the column unmapped',
    example: '{"Probe":"sensor_id","Notes":null}',
  },
};
