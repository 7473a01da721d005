cost cost-fail-above-without-diff.yaml --fail-above 5
