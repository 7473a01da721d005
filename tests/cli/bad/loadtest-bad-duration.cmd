loadtest baseline --duration 5 --vus 2
