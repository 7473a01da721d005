loadtest stress --target ftp://x --vus 2
