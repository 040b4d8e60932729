"""Pure certification logic: signed certificate codes, rule evaluation on plain data, PDF rendering.

No database and no streamlit here: the services gather the data and store the results.
"""
