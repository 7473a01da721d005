cost cost-usage-missing-file.yaml --usage nowhere.yaml
