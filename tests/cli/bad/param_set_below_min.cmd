blueprint validate param_set_below_min.yaml --set web_count=0
