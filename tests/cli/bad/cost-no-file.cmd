cost
