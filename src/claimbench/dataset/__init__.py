"""The dataset: the data model, annotation files to gold, the build into ``benchmark/``, the card, and loading the gold."""
