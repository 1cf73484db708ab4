"""A person's student records (DESIGN.md, "Student records")."""
