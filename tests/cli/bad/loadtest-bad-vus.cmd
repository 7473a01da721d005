loadtest spike --vus 0
