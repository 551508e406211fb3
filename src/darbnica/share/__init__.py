"""Serving a workshop's live summary to phones in the room, over the local network. No Textual here.

``links`` says where the summary is found; ``server`` (aiohttp, imported only by those who serve) serves it.
"""
