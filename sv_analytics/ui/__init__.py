"""Streamlit glue: the only part of sv_analytics that imports Streamlit.

Cached connection and query results, shared filters and small layout components; pages
call these and the Streamlit-free modules, and never write SQL themselves.
"""
