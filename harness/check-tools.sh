#!/usr/bin/env bash
# Print the first missing harness tool and exit 1, or exit 0 when all are present.
for t in art_illumina fastqc fastp bwa samtools java bcftools freebayes Rscript /usr/bin/time; do
  command -v "$t" >/dev/null 2>&1 || { echo "$t"; exit 1; }
done
[ -f /usr/share/java/picard.jar ] || { echo "picard (/usr/share/java/picard.jar)"; exit 1; }
exit 0
