/**
 * One task execution, whatever workflow system recorded it. Units are in the field names and are
 * always seconds / bytes; a value the source did not record is `undefined`, never 0.
 */
export interface TaskRun {
  /** Source format that produced the row (e.g. "galaxy", "nextflow", "lotaru"). */
  readonly source: string;
  /** Workflow name (e.g. "nf-core/chipseq", "galaxy"); tool id for single-tool platforms. */
  readonly workflow: string | undefined;
  readonly workflowRunId: string | undefined;
  /** Task / process / tool name, normalised for grouping (e.g. "BWA_MEM", "toolshed.../bwa_mem"). */
  readonly task: string;
  readonly toolVersion: string | undefined;
  /** Sample / tag the task ran on. */
  readonly sample: string | undefined;
  readonly status: string | undefined;
  readonly exitCode: number | undefined;
  readonly attempt: number | undefined;
  readonly submitTime: Date | undefined;
  readonly startTime: Date | undefined;
  readonly completeTime: Date | undefined;
  /** Wall-clock run time of the task itself (Nextflow `realtime`). */
  readonly wallS: number | undefined;
  readonly cpuS: number | undefined;
  readonly cpuPercent: number | undefined;
  readonly cpusRequested: number | undefined;
  readonly memoryRequestedBytes: number | undefined;
  readonly peakRssBytes: number | undefined;
  readonly readBytes: number | undefined;
  readonly writeBytes: number | undefined;
  /** Total size of the task's inputs. */
  readonly inputBytes: number | undefined;
  /** Per-input sizes (parameter or file name → bytes), when the source has them. */
  readonly inputBytesByName: Readonly<Record<string, number>> | undefined;
  /** Machine / host / instance type. */
  readonly machine: string | undefined;
  /** Every source field, verbatim, for what the schema does not model. */
  readonly raw: Readonly<Record<string, string>>;
}

/** A problem with one row or file: reported, never silently dropped. */
export interface TraceIssue {
  readonly file: string;
  readonly line: number | undefined;
  readonly message: string;
}

/** What a reader returns: the rows it could read and a report of what it could not. */
export interface TraceReadResult {
  readonly file: string;
  readonly format: string;
  readonly runs: TaskRun[];
  readonly issues: TraceIssue[];
  /** Data rows seen in the file (runs.length + rows rejected). */
  readonly rowsSeen: number;
}
