# `db baseline` adopts a database whose schema was created without dharma:
# files up to the baseline are skipped, later ones applied.
source "$(dirname "$0")/lib.sh"
new_database baseline
migrations_copy migrations
for f in migrations/V00{1,2,3}__*.sql; do
  psql -X -q -v ON_ERROR_STOP=1 "$DIRECT_URL" --single-transaction -f "$f" >/dev/null || fail "psql $f"
done

run base db baseline --dir migrations --version 3
expect_status 0 base
expect_in base.out "at version 3"
run status db status --dir migrations
expect_in status.out "below baseline"
run migrate db migrate --dir migrations
expect_status 0 migrate
expect_in migrate.out "applied $((migration_count - 3)) migration(s); database at version $latest_version"
grep -q "V001__" migrate.err && fail "a file below the baseline was applied"
run again db baseline --dir migrations --version 5
expect_status 4 again
expect_in again.err "baseline only adopts a database that dharma has never migrated"
run verify db verify --dir migrations
expect_status 0 verify
echo "ok"
