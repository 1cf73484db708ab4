"""Use cases, one module per thing the users name; each takes the Context and the acting user."""
