"""The clinicians' chat demo (pages/chat.py): crisis detection and the fixed resources card (crisis.py), session
caps (limits.py), the engine that picks systems and streams their replies (engine.py), blind labels (blind.py)
and the rows it writes to the live store (records.py). Pure Python: nothing here imports streamlit.
"""
