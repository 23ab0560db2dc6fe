"""Placeholder: being built."""
import streamlit as st

st.title("rate")
st.info("This page is being built.")
