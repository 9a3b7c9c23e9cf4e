import { exitCodeOf } from '../check';
import { nestedJson, ReportStream, ReportStreamFactory } from './stream';

/**
 * The report as JSON: every subject, rule outcome and finding, the inputs that could not be checked or were skipped,
 * the skipped rules, the summary and the exit code. Written subject by subject; the same bytes as one JSON.stringify.
 */
export const jsonStream: ReportStreamFactory = (write): ReportStream => {
  let count = 0;
  return {
    subject(subject) {
      write(`${count === 0 ? '{\n  "subjects": [\n    ' : ',\n    '}${nestedJson(subject, 2)}`);
      count++;
    },
    end(report) {
      const { subjects: _subjects, ...rest } = report;
      const tail = nestedJson({ ...rest, exitCode: exitCodeOf(report) }, 0).slice(1); // "\n  "inputErrors": ...}"
      write(`${count === 0 ? '{\n  "subjects": [],' : '\n  ],'}${tail}\n`);
    },
  };
};

