"""The terminal app (Textual). Nothing here imports `openai` or `chromadb`."""
