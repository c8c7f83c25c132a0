#!/usr/bin/env bash
# Times every ```sql example of docs/reporting.md (median and p95 of N warm runs, as measured by psql's \timing) against
# the database named by the libpq connection string in $1, e.g. one loaded with synthetic_corpus.sql:
#   tests/Diplotrack.Benchmarks/Reporting/time_examples.sh "host=127.0.0.1 port=5432 dbname=perf user=postgres" [runs]
set -euo pipefail
conn=$1; runs=${2:-5}
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
awk -v dir="$work" '/^```sql$/ {n++; f=sprintf("%s/%02d.sql", dir, n); inside=1; next} /^```$/ {inside=0} inside {print > f}' "$root/docs/reporting.md"
for f in "$work"/*.sql; do
  times=$( { echo '\timing on'; for _ in $(seq "$runs"); do cat "$f"; done; } \
           | psql -X -q "$conn" -o /dev/null 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n)
  median=$(echo "$times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  # p95 by the nearest-rank method (issue 7 states its target as a p95): with 20 runs, the 19th fastest.
  p95=$(echo "$times" | awk '{a[NR]=$1} END {r=int(0.95*NR); if (r < 0.95*NR) r++; print a[r]}')
  printf 'example %s: median %s ms, p95 %s ms (%s runs)\n' "$(basename "$f" .sql | sed 's/^0//')" "$median" "$p95" "$runs"
done
