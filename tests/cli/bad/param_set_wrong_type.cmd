blueprint validate param_set_wrong_type.yaml --set web_count=three
