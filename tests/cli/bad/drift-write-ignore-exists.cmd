drift drift-write-ignore-exists.yaml --state drift-write-ignore-exists.tfstate --ignore drift-write-ignore-exists.ignore --write-ignore
