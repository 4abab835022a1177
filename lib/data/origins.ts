import type { DatasetOrigin } from "./scanMirror";

const same = (p: string): string => p;

/**
 * Where each public dataset comes from (repo @ commit), as documented in ../shared/datasets/README.md.
 * `gwtime datasets scan` hashes a mirror against this list to (re)write data/datasets.json.
 */
export const ORIGINS: readonly DatasetOrigin[] = [
  {
    id: "galaxy-main",
    title: "usegalaxy.org job records 2013-2018 (DNA-seq/QC tools), one CSV per tool version",
    repo: "atyryshkina/algorithm-performance-analysis",
    commit: "f5ccafc672cc06df64a55cc840232d997f1048a2",
    licence: "none stated (reference use)",
    mirrorDir: "galaxy-main",
    include: (p) => p.startsWith("csv_dump/"),
    upstream: same,
  },
  {
    id: "galaxy-paper-benchmarks",
    title: "Tyryshkina et al. 2019 per-tool model comparison table (R² on log runtime)",
    repo: "atyryshkina/algorithm-performance-analysis",
    commit: "0aab11514ddf148bd1c3a3c3bc273177eef2e41e",
    licence: "none stated (reference use)",
    mirrorDir: "galaxy-main",
    include: (p) => p === "paper_comparison_benchmarks.csv",
    upstream: () => "benchmarks/comparison_benchmarks.csv",
  },
  {
    id: "lotaru",
    title: "Lotaru (Bader et al. 2022) nf-core execution reports on 7 machines + microbenchmarks",
    repo: "CRC-FONDA/Lotaru",
    commit: "2b07b1840219873a297826501ea6d226fe4fa6ec",
    licence: "none stated (reference use)",
    mirrorDir: "lotaru",
    upstream: same,
  },
  {
    id: "sizey",
    title: "Nextflow trace files (nf-core chipseq, eager, methylseq; iwd) from the Sizey paper",
    repo: "dos-group/sizey",
    commit: "ae61efb024635be1a20e63aabf639ae7d444b9c7",
    licence: "none stated (reference use)",
    mirrorDir: "sizey",
    upstream: same,
  },
  {
    id: "multiqc-test-data",
    title: "MultiQC test data: real FastQC, Picard, GATK, samtools, fastp, Qualimap outputs",
    repo: "MultiQC/test-data",
    commit: "84dc905e6edb97668b87660896dfd78f175008ca",
    licence: "MIT",
    mirrorDir: "multiqc-test-data",
    upstream: same,
  },
  {
    id: "wfinstances",
    title: "WfCommons WfFormat 1.5 instances (nf-core pipelines, makeflow BWA)",
    repo: "wfcommons/WfInstances",
    commit: "f085867f2f9d0b266835295605a6db2c434fe69b",
    licence: "LGPL-3.0",
    mirrorDir: "wfinstances",
    upstream: same,
  },
  {
    id: "seqera-run-dumps",
    title: "Seqera Platform run dumps of nf-core/sarek 3.3.2 on 3 AWS instance families",
    repo: "MultiQC/test-data",
    commit: "84dc905e6edb97668b87660896dfd78f175008ca",
    licence: "MIT",
    mirrorDir: "seqera-run-dumps",
    upstream: same,
  },
];
