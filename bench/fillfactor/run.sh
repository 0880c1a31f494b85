#!/bin/bash
# The contacts table's fill factor against the cost of one company change (issue 14; docs/benchmarks.md,
# "Room for updates in place"). Needs a database with the plugin's schema, e.g. one kept by
# `BENCH_KEEP_DB=true npm run bench`. setup.sql replaces its contacts by 60,000 rows, 10,000 of them persons of
# company 1 (1 % overriding the phone), then each fill factor in turn: the table rewritten at it (VACUUM FULL),
# and the propagation's UPDATE (the statement the plugin sends for a phone change) run RUNS times, each after a
# VACUUM ANALYZE as bench/run.js does, printing its execution time (ms).
#   bench/fillfactor/run.sh <database> [runs=7] [fill factors="100 70 50 100 70 50"]
set -euo pipefail
DB=$1; RUNS=${2:-7}; FACTORS=${3:-"100 70 50 100 70 50"}
P="psql -h ${PGHOST:-127.0.0.1} -U ${PGUSER:-postgres} -d $DB -qAt"
$P -f "$(dirname "$0")/setup.sql" 2>/dev/null
for ff in $FACTORS; do
  $P -c "ALTER TABLE ms_contacts SET (fillfactor=$ff)" -c "VACUUM FULL ms_contacts" -c "VACUUM ANALYZE ms_contacts"
  times=()
  for i in $(seq 1 "$RUNS"); do
    $P -c "VACUUM ANALYZE ms_contacts" >/dev/null
    times+=("$($P -c "EXPLAIN (ANALYZE) update ms_contacts set phone_no = '09 $ff $i', updated_at = now() where id in (select id from ms_contacts where id in (select contact_id from ms_contacts_company_lnk where inv_contact_id = 1 and not contact_id = 1) and NOT (coalesce(inheritance_overrides::jsonb, '[]'::jsonb) ? 'phoneNo'))" | grep -o 'Execution Time: [0-9.]*' | awk '{print $3}')")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "fillfactor $ff: median ${median} ms; runs ${times[*]}; table $($P -c "select pg_size_pretty(pg_relation_size('ms_contacts'))")"
done
$P -c "ALTER TABLE ms_contacts RESET (fillfactor)"
