"""Placeholder: being built."""
import streamlit as st

st.title("sql")
st.info("This page is being built.")
