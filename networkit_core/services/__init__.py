"""Use cases, one module per area. Each function takes the Context and the acting user."""
