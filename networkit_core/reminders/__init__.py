"""Reminder e-mails (`networkit remind`): each graduate's items that fell due today, and each
advisor's weekly digest on Mondays. Composed from the same figures as the pages."""
