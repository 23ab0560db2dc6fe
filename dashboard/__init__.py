"""Dashboard helpers shared by the pages: cached warehouse access, plotly figure builders, small components.

Pages stay thin: they read inputs, call these helpers and `warehouse.queries`, and draw.
"""
