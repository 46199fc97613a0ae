"""Rendering stored reports: the leaderboard, its chart, plain-text tables and the explain page."""
