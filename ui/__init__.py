"""The page's parts: the sidebar, one module per tab, and what they share (keys, cache, URL).

``app.py`` is the frame that calls them; nothing in ``kmeans/`` imports this package.
"""
