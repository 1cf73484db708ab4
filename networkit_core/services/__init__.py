"""Use cases, one module (or package) per thing the users name: accounts, cohorts, interviews,
questions, coaching, contacts, audit, calendar_feed, reminders. Each function takes the Context
and the acting user. What a page shows is built above these, in networkit_core.read_models."""
