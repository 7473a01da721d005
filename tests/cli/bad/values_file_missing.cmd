blueprint validate values_file_missing.yaml --values no-such-values.yaml
