cost cost-usage-unknown-quantity.yaml --usage cost-usage-unknown-quantity.usage.yaml
