"""A one-line Streamlit page: the baseline for the browser render benchmark."""

import streamlit as st

st.write("Hallo")
