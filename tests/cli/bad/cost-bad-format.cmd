cost cost-bad-format.yaml --format pdf
