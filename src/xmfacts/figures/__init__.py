"""Figures in text: reading them (reader), Chinese numerals (numerals), the unit table (units),
the intervals they stand for (interval) and how they are printed (printing)."""
