"""The `networkit` command line: what an admin scripts, against DATABASE_URL."""
