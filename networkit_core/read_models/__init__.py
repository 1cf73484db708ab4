"""What a page shows, one module per page, built in one unit of work above the services and
figures (which never import these)."""
