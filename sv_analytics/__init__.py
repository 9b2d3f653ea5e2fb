"""sv-analytics: monitoring and evaluation of *Sociaal Vitaal in kleine kernen*."""

__version__ = "0.1.0"
