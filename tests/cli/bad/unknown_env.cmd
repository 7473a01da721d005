blueprint validate unknown_env.yaml --env prd
