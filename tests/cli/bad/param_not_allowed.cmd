blueprint validate param_not_allowed.yaml --env production
