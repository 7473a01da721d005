# An applied file that changed makes migrate and verify exit 4; a CRLF copy of
# the same files is not a change; repair accepts a deliberate edit.
source "$(dirname "$0")/lib.sh"
new_database checksum
migrations_copy migrations
run first db migrate --dir migrations
expect_status 0 first

# The same files with Windows line endings: nothing changed.
mkdir crlf && for f in migrations/*.sql; do sed 's/$/\r/' "$f" >"crlf/$(basename "$f")"; done
grep -q $'\r' crlf/V001__tenants_and_roles.sql || fail "CRLF copy has no CR"
run crlf_verify db verify --dir crlf
expect_status 0 crlf_verify
run crlf_migrate db migrate --dir crlf
expect_status 0 crlf_migrate
expect_in crlf_migrate.out "database is up to date at version $latest_version"

# A real edit of an applied file.
echo "-- an edit after the fact" >>migrations/V003__projects_and_environments.sql
run changed db migrate --dir migrations
expect_status 4 changed
expect_in changed.err "V003__projects_and_environments.sql was changed after it was applied"
expect_in changed.err "dharma db repair"
run verify db verify --dir migrations
expect_status 4 verify
expect_in verify.out "V003__projects_and_environments.sql: changed since it was applied"

run repair db repair --dir migrations
expect_status 0 repair
expect_in repair.out "accepted the edited V003__projects_and_environments.sql"
run verify2 db verify --dir migrations
expect_status 0 verify2
run again db migrate --dir migrations
expect_status 0 again
echo "ok"
