"""Annotation quality: agreement between annotation passes and the adjudication logs that settle their disagreements."""
