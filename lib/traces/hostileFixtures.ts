/**
 * Hostile trace files (issue #19), small and labelled synthetic: every broken-cell case of the issue
 * with fine rows around them. Used by the parity test (TS vs DuckDB) and the pandas equal-work test.
 */

const NF_HEAD = "task_id\thash\tname\tprocess\ttag\tstatus\texit\tsubmit\trealtime\t%cpu\tpeak_rss\trchar\twchar\tcpus\n";
const nf = (i: number, name: string, proc: string, realtime: string, rest = "99%\t1 MB\t100\t200\t2") => `${i}\tab/${i}\t${name}\t${proc}\ts${i}\tCOMPLETED\t0\t2023-01-23 10:08:25.123\t${realtime}\t${rest}\n`;

/** Hostile Nextflow trace (human-readable units): every case of the issue, plus fine rows around them. */
export const HOSTILE_NEXTFLOW = Buffer.concat([
  Buffer.from(
    NF_HEAD +
      nf(1, "NFCORE_X:BWA (s1)", "NFCORE_X:BWA", "1h 2m 3s", "180.5%\t1.2 GB\t12.5 MB\t1 KB\t4") +
      nf(2, "NFCORE_X:BWA (s2)", "-", "12.5s") + // process '-': taken from name, as in the TS reader
      nf(3, "NFCORE_X:BWA (s3)", "NFCORE_X:BWA", "1e400") +
      nf(4, "NFCORE_X:BWA (s4)", "NFCORE_X:BWA", "soon") +
      nf(5, "NFCORE_X:BWA (s5)", "NFCORE_X:BWA", "-5s") +
      nf(6, "NFCORE_X:BWA (s6)", "NFCORE_X:BWA", "1h 1h") +
      nf(7, "-", "-", "5s") + // no process, no name: dropped, reported
      nf(8, "NFCORE_X:BWA (s8)", "NFCORE_X:BWA", "5s", "-3%\t-1 MB\t1e999\t-\t-2") +
      nf(9, "NFCORE_X:BWA (s9)", "NFCORE_X:BWA", "1 h x", "1%%\t1e308 PB\tNaN\t 7 \t1.5"),
  ),
  Buffer.from(`10\tab/10\tNFCORE_X:BWA (s\xe9)\tNFCORE_X:BWA\ts\xe9\tCOMPLETED\t0\t-\t5s\t99%\t1 MB\t100\t200\t2\n`, "latin1"), // Latin-1 bytes
  Buffer.from(`11\tab/11\tNFCORE_X:BWA (s11)\tNFCORE_X:BWA\ts11\tCOMPLETED\n` + nf(12, "NFCORE_X:BWA (s12)", "NFCORE_X:BWA", "120ms")),
]);

/** Raw Nextflow trace (numbers only in the head, so DuckDB reads them typed) with non-finite and negative cells further down. */
export const HOSTILE_NEXTFLOW_RAW =
  "task_id\tprocess\ttag\tstatus\texit\trealtime\t%cpu\tpeak_rss\trchar\n" +
  Array.from({ length: 400 }, (_, i) => `${i + 1}\tP${i % 3}\ts${i}\tCOMPLETED\t0\t${1000 + i}\t${50 + (i % 50)}\t${1e6 + i}\t${2e6 + i}\n`).join("") +
  "401\tP1\ts401\tCOMPLETED\t0\t1e400\t1e999\t-1\t-inf\n402\tP1\ts402\tCOMPLETED\t-1\t-5\t-3\t1e308\t5e-324\n403\tP2\ts403\tCOMPLETED\t0\tNaN\tinf\t1.5e3\t0x10\n";

const GX_HEAD = "id,create_time,tool_id,state,exit_code,start_epoch,end_epoch,runtime,galaxy_slots,galaxy_memory_mb,destination_id,input1,input1_filetype\n";
const gx = (i: number, runtime: string, input = "1000.0", slots = "1", start = "1500000000") => `${i},2019-01-01 10:00:00,toolshed.g2.bx.psu.edu/repos/devteam/bwa/bwa_mem/0.4.2,ok,0,${start},1500000100,${runtime},${slots},,slurm,${input},fastqsanger\n`;

/** Hostile Galaxy dump: 1e999, unparsable and negative runtimes, a negative input size, a Latin-1 row. */
export const HOSTILE_GALAXY = Buffer.concat([
  Buffer.from(GX_HEAD + gx(1, "100.0") + gx(2, "1e999") + gx(3, "soon") + gx(4, "-5") + gx(5, "12", "-3") + gx(6, "7", "1e400", "x") + gx(7, "8", "5", "2", "1e300")),
  Buffer.from(`8,2019-01-01 10:00:00,toolshed.g2.bx.psu.edu/repos/devteam/bwa/bwa_mem/0.4.2,ok,0,1500000000,1500000100,9,1,,sl\xfcrm,1,fastqsanger\n`, "latin1"),
  Buffer.from(gx(9, "10") + '10,"2019-01-01 10:00:00",x,"multi\nline",0,1,2,3,1,,slurm,1,fastqsanger\n' + gx(11, "11") + "12,short,row\n"),
]);
