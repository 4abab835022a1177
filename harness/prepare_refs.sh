#!/usr/bin/env bash
# Extract the real reference genomes shipped inside Debian packages, index them, and
# record provenance (package, version, path in package, sha256) in refs.json.
# Idempotent: does nothing when refs.json already lists every genome below (an older refs.json
# without the mapping references added since is rebuilt).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="${HARNESS_WORK:-$HERE/work}"
# Absolute: the script cd's into the download folder below, and callers pass relative paths.
mkdir -p "$WORK" && WORK="$(cd "$WORK" && pwd)"
REFS="$WORK/refs"
[ -s "$REFS/refs.json" ] && grep -q '"pfalciparum"' "$REFS/refs.json" && { echo "refs ready: $REFS"; exit 0; }
mkdir -p "$WORK/debs" "$WORK/pkgroot" "$REFS"
cd "$WORK/debs"
# name|package|path inside the package|role
GENOMES="ecoli_k12|ragout-examples|usr/share/doc/ragout/examples/E.Coli/references/MG1655-K12.fasta.gz|reference (E. coli K-12 MG1655)
saureus_n315|ragout-examples|usr/share/doc/ragout/examples/S.Aureus/references/N315.fasta.gz|contaminant (S. aureus N315)
ecoli_536|bowtie-examples|usr/share/doc/bowtie/examples/genomes/NC_008253.fna.gz|divergent strain (E. coli 536, NC_008253)
pfalciparum|smalt-examples|usr/share/doc/smalt/test/data/genome_1.fa.gz|reference (P. falciparum 3D7, 14 chromosomes; scale ladder)"
for pkg in ragout-examples bowtie-examples smalt-examples; do
  ls "$pkg"_*.deb >/dev/null 2>&1 || apt-get download "$pkg"
  dpkg -x "$pkg"_*.deb "$WORK/pkgroot"
done
json="["
while IFS='|' read -r name pkg path role; do
  deb=$(ls "$pkg"_*.deb | head -1)
  ver=$(dpkg-deb -f "$deb" Version)
  zcat "$WORK/pkgroot/$path" > "$REFS/$name.fa"
  sha=$(sha256sum "$REFS/$name.fa" | cut -d' ' -f1)
  debsha=$(sha256sum "$deb" | cut -d' ' -f1)
  len=$(grep -v '>' "$REFS/$name.fa" | tr -d '\n' | wc -c)
  json="$json{\"name\":\"$name\",\"role\":\"$role\",\"package\":\"$pkg\",\"version\":\"$ver\",\"deb_sha256\":\"$debsha\",\"path_in_package\":\"/$path\",\"fasta_sha256\":\"$sha\",\"length_bp\":$len},"
done <<< "$GENOMES"
echo "${json%,}]" > "$REFS/refs.tmp.json"
# only the mapping references (design column `genome`) need indexes
for g in ecoli_k12 pfalciparum; do
  R="$REFS/$g.fa"
  bwa index "$R" 2> "$REFS/bwa_index.$g.log"
  samtools faidx "$R"
  rm -f "$REFS/$g.dict"
  java -jar /usr/share/java/picard.jar CreateSequenceDictionary -R "$R" -O "$REFS/$g.dict" 2> "$REFS/dict.$g.log"
done
mv "$REFS/refs.tmp.json" "$REFS/refs.json"
echo "refs ready: $REFS"
