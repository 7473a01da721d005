blueprint validate values_file_invalid.yaml --values values_file_invalid.values.yaml
