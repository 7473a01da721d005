blueprint validate set_malformed.yaml --set region
