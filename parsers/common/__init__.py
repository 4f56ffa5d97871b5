"""Helpers every parser shares: text and HTML, dates, people, links.

A fix for one site's date, name or link quirk belongs here, so every site gets it.
"""
