"""Evaluatie (issue 6, being built)."""

from __future__ import annotations

import streamlit as st

from sv_analytics.texts import t

st.title(t("nav.evaluatie"))
