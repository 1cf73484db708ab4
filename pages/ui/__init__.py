"""What the pages share: the signed-in user and the refusal, safe service calls, text and figure
formatting. Not pages: it sits one folder down, so Streamlit never serves it (DESIGN.md)."""
