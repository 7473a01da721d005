# Unreachable servers exit 3 naming the server with the password masked;
# `db new` numbers files; bad migration folders exit 2.
source "$(dirname "$0")/lib.sh"
require_stack

run down db status --migration-url "postgresql://dharma_owner:sup3rsecret@127.0.0.1:1/dharma"
expect_status 3 down
expect_in down.err "cannot connect to postgresql://dharma_owner:****@127.0.0.1:1/dharma (PgBouncer, from --migration-url)"
expect_in down.err "dharma stack status"
grep -q sup3rsecret down.out down.err && fail "password printed"

wrong=$(sed -E 's#(://[^:]+:)[^@]+@#\1wrongpassword@#' <<<"$DHARMA_DATABASE_MIGRATION_URL")
run auth db migrate --migration-url "$wrong"
expect_status 3 auth
grep -q wrongpassword auth.out auth.err && fail "password printed"
no_password_in auth.out auth.err

mkdir migrations
run new1 db new "create widgets" --dir migrations
expect_status 0 new1
expect_in new1.out "migrations/V001__create_widgets.sql"
run new2 db new add-widget-index --dir migrations
expect_in new2.out "migrations/V002__add_widget_index.sql"
[[ -f migrations/V002__add_widget_index.sql ]] || fail "file not created"

touch migrations/V3-bad.sql
run badname db status --dir migrations
expect_status 2 badname
expect_in badname.err "migration file names must look like V001__what_it_does.sql"
run nodir db migrate --dir does-not-exist
expect_status 2 nodir
expect_in nodir.err "does not exist"
echo "ok"
