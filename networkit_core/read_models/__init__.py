"""What a page shows, built in one unit of work from the services' views and the figures: one
module per page (or pair of pages), each returning frozen data classes. Read models sit above
the services: they import services and figures, never the other way round."""
