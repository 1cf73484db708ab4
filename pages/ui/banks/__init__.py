"""The sections of the questions page (pages/shared/questions.py), one module each: finding and
attaching questions, the ranking of what works, curating banks, suggestions."""
