/** The report formats of `check`: a module of their own, so the command line can list them without loading the reports. */
export const REPORT_FORMATS = ['table', 'json', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
