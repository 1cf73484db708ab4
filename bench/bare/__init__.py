"""Bare Streamlit scripts: the floors of the pages, drawing the same elements from plain SQL."""
