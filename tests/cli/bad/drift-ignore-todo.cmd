drift drift-ignore-todo.yaml --state drift-ignore-todo.tfstate --ignore drift-ignore-todo.ignore
