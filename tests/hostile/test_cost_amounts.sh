# Money and quantities at the edges of a double: every amount dharma reads is
# bounded where it is read (with its location), and the report formatter
# copes with any number, so a huge amount is invalid input (2), never a crash.
source "$(dirname "$0")/lib.sh"

mkdir in && cp "$examples/aws-web-app.yaml" in/web.yaml && cp in/web.yaml web.yaml
before=$(snapshot in)

case_begin "a huge --budget is refused with the bound"
run budget_huge cost in/web.yaml --budget 1e70
expect_status 2 budget_huge
expect_in budget_huge.err "--budget: the amount must be at most 1,000,000,000,000,000 (got 1e70)"

case_begin "a huge --fail-above is refused"
run fail_above_huge cost diff web.yaml web.yaml --fail-above 1e300
expect_status 2 fail_above_huge
expect_in fail_above_huge.err "--fail-above: the amount must be at most"

case_begin "a decimal comma in --budget is refused, not read as 25"
run budget_comma cost web.yaml --budget 2,5
expect_status 2 budget_comma
expect_in budget_comma.err "a ',' may only separate thousands"

case_begin "--fail-above-percent takes a plain decimal only"
for percent in 0x10 2,5 inf 1e400; do
  run percent cost diff in/web.yaml in/web.yaml --fail-above-percent "$percent"
  expect_status 2 percent
  expect_in percent.err "is not a non-negative percentage"
done

case_begin "thousands separators still work"
run budget_thousands cost in/web.yaml --budget '$1,000.50'
expect_status 0 budget_thousands
expect_in budget_thousands.out 'budget $1,000.50/month'
expect_unchanged in "$before"

case_begin "a huge cost.budget in dharma.yaml is a located error"
mkdir project && cp web.yaml project/ && printf 'cost:\n  budget: 1e100\n' >project/dharma.yaml
run_sh project_budget 'cd project && "$DHARMA" cost web.yaml'
expect_status 2 project_budget
expect_in project_budget.err "dharma.yaml:2:11: error: 'budget' in the cost section of dharma.yaml must be a number from 0 to 1,000,000,000,000,000, not '1e100'"

case_begin "a huge usage quantity is a located error"
printf 'resources:\n  assets: {storage_gb: 1e100}\n' >usage.yaml
run usage_huge cost web.yaml --usage usage.yaml
expect_status 2 usage_huge
expect_in usage_huge.err "usage.yaml:2:24: error:"
expect_in usage_huge.err "must be a number from 0 to 1,000,000,000,000,000, not '1e100'"

case_begin "a huge catalog price is a located error"
mkdir home && cp -r "$repo/templates" "$repo/pricing" "$repo/policies" home/
sed -i 's/t3.medium: 0.0416/t3.medium: 1e308/' home/pricing/aws.yaml
grep -q 't3.medium: 1e308' home/pricing/aws.yaml || fail "the catalog edit did not apply"
run_sh price_huge 'DHARMA_HOME=$PWD/home "$DHARMA" cost web.yaml --no-cache'
expect_status 2 price_huge
expect_in price_huge.err "aws.yaml:"
expect_in price_huge.err "must be a number from 0 to 1,000,000,000,000,000, not '1e308'"
