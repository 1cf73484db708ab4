"""NetWorkIt Coach core: models, services, figures, CSV interchange and auth.

Plain Python: nothing here imports Streamlit, so the command line, the tests and the pages share it.
"""
