blueprint validate values_file_not_mapping.yaml --values values_file_not_mapping.values.yaml
