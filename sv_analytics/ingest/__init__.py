"""Importers: parse → validate → write in one transaction.

Every importer reports problems as :class:`sv_analytics.errors.Problem` inside one
:class:`sv_analytics.errors.ValidationError` (every problem at once, nothing written), and
returns an :class:`ImportSummary` on success. No Streamlit here.
"""
