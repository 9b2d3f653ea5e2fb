"""Decks and reports: one model (``model``), built once per scope, moment and filters
(``build``), drawn as a PPTX deck (``pptx``) or a PDF report through Typst (``pdf``)."""
