"""Placeholder: being built."""
import streamlit as st

st.title("metrics")
st.info("This page is being built.")
