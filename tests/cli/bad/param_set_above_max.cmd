blueprint validate param_set_above_max.yaml --set web_count=21
