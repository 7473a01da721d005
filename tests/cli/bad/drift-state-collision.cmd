drift drift-state-collision.yaml --state drift-state-collision.a.tfstate --state drift-state-collision.b.tfstate
