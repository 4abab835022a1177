/** FastQC: `fastqc_data.txt` and `*_fastqc.zip`. */
export { parse as parseFastqc, wide as fastqcWide } from "./parse";
export { fastqcDataFromZip, parseZip as parseFastqcZip } from "./zip";
