cost cost-redis-url-malformed.yaml --redis-url http://:s3cret@cache:6379
