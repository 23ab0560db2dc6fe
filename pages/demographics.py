"""Placeholder: being built."""
import streamlit as st

st.title("demographics")
st.info("This page is being built.")
