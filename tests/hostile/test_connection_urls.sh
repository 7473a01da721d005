# A malformed database URL is invalid input (exit 2), as a malformed Redis URL
# already is, never "cannot connect" (exit 3); the password stays masked.
# dharma never reaches a server here: every URL is refused before connecting.
source "$(dirname "$0")/lib.sh"

case_begin "malformed DHARMA_DATABASE_URL values are exit 2 with the password masked"
i=0
for url in 'postgresql://u:s3cretpw@127.0.0.1:notaport/db' \
           'postgresql://u:s3cretpw@127.0.0.1:99999/db' \
           'postgresql://u:s3cretpw@[::1/db' \
           'postgresql://u:s3cretpw@127.0.0.1:1/db?bogus=1' \
           'postgresql://u:s3cretpw@127.0.0.1:1/db?sslmode=bogus' \
           'host=127.0.0.1 password=s3cretpw port' \
           "host=127.0.0.1 password='s3cretpw"; do
  i=$((i + 1))
  run_sh "url$i" "DHARMA_DATABASE_URL='${url//\'/\'\\\'\'}' \"\$DHARMA\" tenant list"
  expect_status 2 "url$i"
  expect_in "url$i.err" "invalid connection URL"
  expect_in "url$i.err" "from DHARMA_DATABASE_URL"
  expect_not_in "url$i.err" "s3cretpw"
done

case_begin "a malformed database.url in dharma.yaml is exit 2 naming its place"
printf 'database:\n  url: postgresql://u:s3cretpw@127.0.0.1:port/db\n' >dharma.yaml
run_sh yaml_url 'env -u DHARMA_DATABASE_URL "$DHARMA" tenant list'
expect_status 2 yaml_url
expect_in yaml_url.err "invalid connection URL"
expect_in yaml_url.err "dharma.yaml"
expect_not_in yaml_url.err "s3cretpw"
