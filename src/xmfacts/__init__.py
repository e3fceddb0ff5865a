"""xmfacts: a sourced fact base of the figures in the Xiamen innovation-and-finance feature."""

__version__ = "0.1.0"
