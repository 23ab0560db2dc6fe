"""Placeholder: being built."""
import streamlit as st

st.title("scenarios")
st.info("This page is being built.")
