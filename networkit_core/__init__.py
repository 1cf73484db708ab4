"""NetWorkIt Coach core: plain Python (never Streamlit), shared by the pages, the command line
and the tests."""
